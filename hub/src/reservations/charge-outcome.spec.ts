import { costEstimateEur, estimateChargeEnd, pricePerKwhEur } from './charge-outcome';

const now = new Date('2026-11-22T12:00:00Z');
const base = {
  now,
  energyWh: null,
  powerW: null,
  socPct: null,
  batteryKwh: null,
  nominalPowerKw: 22,
  observedPowerKw: null,
};
const minutesFromNow = (end: Date | null) => (end!.getTime() - now.getTime()) / 60_000;

describe('estimateChargeEnd', () => {
  it('uses the car battery and SoC with the measured power', () => {
    // 100 kW DC, 60 % of a 50 kWh battery → 10 kWh to 80 % → 6 min.
    const end = estimateChargeEnd({
      ...base,
      nominalPowerKw: 150,
      powerW: 100_000,
      socPct: 60,
      batteryKwh: 50,
    });
    expect(minutesFromNow(end)).toBeCloseTo(6);
  });

  it('charges AC to 100 % and assumes a typical battery when the car is unknown', () => {
    // 11 kW, 40 % of 60 kWh → 36 kWh → 196.4 min.
    const end = estimateChargeEnd({ ...base, powerW: 11_000, socPct: 40 });
    expect(minutesFromNow(end)).toBeCloseTo((36 / 11) * 60);
  });

  it('falls back on the slower of observed and nominal power, then a typical session', () => {
    // No SoC: 30 kWh typical, 10 already delivered, observed 10 kW < nominal 22 kW → 2 h.
    const end = estimateChargeEnd({ ...base, energyWh: 10_000, observedPowerKw: 10 });
    expect(minutesFromNow(end)).toBeCloseTo(120);
  });

  it('says the charge ends now once the target is reached', () => {
    expect(minutesFromNow(estimateChargeEnd({ ...base, socPct: 100, powerW: 7000 }))).toBe(0);
  });

  it('gives up without any power figure', () => {
    expect(estimateChargeEnd({ ...base, nominalPowerKw: 0 })).toBeNull();
  });
});

describe('pricePerKwhEur', () => {
  it.each([
    ['0,35 €/kWh', 0.35],
    ['0.40 EUR / kWh', 0.4],
    ['Tarif : 0,49€ TTC/kWh puis 0,05 €/min', 0.49],
    ['35 cts/kWh', 0.35],
    ['0,59 euros par kWh', 0.59],
  ])('reads %p', (text, price) => {
    expect(pricePerKwhEur(text, false)).toBeCloseTo(price);
  });

  it.each([['0,25 €/min'], ['Abonnement requis'], [null]])('finds no price in %p', (text) => {
    expect(pricePerKwhEur(text, null)).toBeNull();
  });

  it('is free on a free station whatever the text says', () => {
    expect(pricePerKwhEur('0,35 €/kWh', true)).toBe(0);
  });
});

describe('costEstimateEur', () => {
  it('prices the energy to the cent', () => {
    expect(costEstimateEur(23_456, 0.35)).toBe(8.21);
    expect(costEstimateEur(null, 0.35)).toBeNull();
    expect(costEstimateEur(1000, null)).toBeNull();
  });
});
