import { formatPower, groupTerminals } from './station-summary';

describe('groupTerminals', () => {
  it('groups by power and plug, counting available ones', () => {
    const groups = groupTerminals([
      { powerKw: 22, plugs: ['TYPE_2'], status: 'AVAILABLE' },
      { powerKw: 22, plugs: ['TYPE_2'], status: 'OCCUPIED' },
      { powerKw: 22, plugs: ['TYPE_2'], status: 'AVAILABLE' },
      { powerKw: 150, plugs: ['CCS_COMBO', 'CHADEMO'], status: 'FAULTED' },
    ]);
    expect(groups.map((group) => group.label)).toEqual([
      '150 kW · CCS Combo · 0/1',
      '150 kW · CHAdeMO · 0/1',
      '22 kW · Type 2 · 2/3',
    ]);
  });

  it('puts a terminal without known plugs under Other', () => {
    expect(groupTerminals([{ powerKw: 7.4, plugs: [], status: 'UNKNOWN' }])[0].label).toBe(
      '7.4 kW · Other · 0/1',
    );
  });

  it('returns nothing for no terminals', () => {
    expect(groupTerminals([])).toEqual([]);
  });
});

describe('formatPower', () => {
  it.each([
    [22, '22'],
    [7.4, '7.4'],
    [3.68, '3.7'],
    [350.0, '350'],
  ])('%d → %s', (power, label) => {
    expect(formatPower(power)).toBe(label);
  });
});
