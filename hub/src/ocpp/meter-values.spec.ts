import { readOcpp16MeterValues, readOcpp201MeterValues } from './meter-values';

const at = '2026-11-22T10:00:00.000Z';

describe('OCPP 1.6 meter values', () => {
  it('defaults to the energy register in Wh', () => {
    expect(readOcpp16MeterValues([{ timestamp: at, sampledValue: [{ value: '1234.5' }] }])).toEqual(
      [{ at: new Date(at), energyWh: 1234.5 }],
    );
  });

  it('reads energy, power and SoC in their units', () => {
    const [reading] = readOcpp16MeterValues([
      {
        timestamp: at,
        sampledValue: [
          { value: '12.5', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
          { value: '22', measurand: 'Power.Active.Import', unit: 'kW' },
          { value: '57', measurand: 'SoC', unit: 'Percent' },
          { value: '230', measurand: 'Voltage', unit: 'V' },
        ],
      },
    ]);
    expect(reading).toEqual({ at: new Date(at), energyWh: 12500, powerW: 22000, socPct: 57 });
  });

  it('prefers a total over per-phase samples and skips signed data and garbage', () => {
    const [reading] = readOcpp16MeterValues([
      {
        timestamp: at,
        sampledValue: [
          { value: '7000', measurand: 'Power.Active.Import', unit: 'W' },
          { value: '2300', measurand: 'Power.Active.Import', unit: 'W', phase: 'L1' },
          { value: 'abc', measurand: 'SoC', unit: 'Percent' },
          { value: 'deadbeef', format: 'SignedData' },
        ],
      },
    ]);
    expect(reading).toEqual({ at: new Date(at), powerW: 7000 });
  });
});

describe('OCPP 2.0.1 meter values', () => {
  it('applies the unit multiplier', () => {
    const [reading] = readOcpp201MeterValues([
      {
        timestamp: at,
        sampledValue: [
          {
            value: 12.5,
            measurand: 'Energy.Active.Import.Register',
            unitOfMeasure: { unit: 'kWh' },
          },
          {
            value: 15,
            measurand: 'Power.Active.Import',
            unitOfMeasure: { unit: 'W', multiplier: 3 },
          },
          { value: 80, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' } },
        ],
      },
    ]);
    expect(reading).toEqual({ at: new Date(at), energyWh: 12500, powerW: 15000, socPct: 80 });
  });

  it('ignores units it cannot convert', () => {
    const [reading] = readOcpp201MeterValues([
      {
        timestamp: at,
        sampledValue: [
          { value: 3, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kvar' } },
        ],
      },
    ]);
    expect(reading).toEqual({ at: new Date(at) });
  });
});
