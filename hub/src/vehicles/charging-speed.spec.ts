import { observedCharges } from './charging-speed';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 10, 0) + minutes * 60_000);
const T1 = 'terminal-1';
const T2 = 'terminal-2';

describe('observedCharges', () => {
  it('turns SoC gained into energy and energy over time into power', () => {
    // 60 kWh battery, 20 % → 50 % in 30 minutes: 18 kWh, 36 kW.
    const charges = observedCharges(
      [
        { ts: at(0), socPct: 20, terminalId: T1 },
        { ts: at(10), socPct: 31, terminalId: T1 },
        { ts: at(20), socPct: 41, terminalId: T1 },
        { ts: at(30), socPct: 50, terminalId: T1 },
      ],
      60,
    );
    expect(charges).toEqual([
      {
        terminalId: T1,
        startedAt: at(0),
        endedAt: at(30),
        socFrom: 20,
        socTo: 50,
        energyKwh: 18,
        meanPowerKw: 36,
      },
    ]);
  });

  it('splits charges at a change of terminal or a long gap', () => {
    const charges = observedCharges(
      [
        { ts: at(0), socPct: 10, terminalId: T1 },
        { ts: at(6), socPct: 20, terminalId: T1 },
        { ts: at(60), socPct: 20, terminalId: T1 },
        { ts: at(66), socPct: 25, terminalId: T1 },
        { ts: at(67), socPct: 25, terminalId: T2 },
        { ts: at(73), socPct: 35, terminalId: T2 },
      ],
      50,
    );
    expect(charges.map((c) => [c.terminalId, c.startedAt, c.meanPowerKw])).toEqual([
      [T1, at(0), 50],
      [T1, at(60), 25],
      [T2, at(67), 50],
    ]);
  });

  it.each([
    ['one sample', [{ ts: at(0), socPct: 10, terminalId: T1 }]],
    [
      'no gain (held at 100 %)',
      [
        { ts: at(0), socPct: 100, terminalId: T1 },
        { ts: at(5), socPct: 100, terminalId: T1 },
      ],
    ],
    [
      'no time',
      [
        { ts: at(0), socPct: 10, terminalId: T1 },
        { ts: at(0), socPct: 11, terminalId: T1 },
      ],
    ],
  ])('leaves out a stretch with %s', (_case, samples) => {
    expect(observedCharges(samples, 50)).toEqual([]);
  });
});
