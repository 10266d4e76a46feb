import { describe, expect, it } from '@jest/globals';
import { PLUG_LABELS, PLUG_TYPES } from '@wattsup/contracts';
import { translator } from './i18n';
import { formatGroupLabel, formatPowerKw, plugLabel } from './terminal-groups';

const french = translator('fr');

describe('formatPowerKw', () => {
  it.each([
    [22, '22 kW'],
    [7.4, '7.4 kW'],
    [3.68, '3.7 kW'],
    [150, '150 kW'],
    [0, '0 kW'],
  ])('formats %d', (powerKw, expected) => {
    expect(formatPowerKw(powerKw)).toBe(expected);
  });

  it.each([
    [22, '22 kW'],
    [7.4, '7,4 kW'],
    [3.68, '3,7 kW'],
    [0, '0 kW'],
  ])('formats %d with the French decimal comma', (powerKw, expected) => {
    expect(formatPowerKw(powerKw, 'fr')).toBe(expected);
  });
});

describe('plugLabel', () => {
  it('names known plug codes', () => {
    expect(plugLabel('TYPE_2')).toBe('Type 2');
    expect(plugLabel('CCS_COMBO')).toBe('CCS Combo');
    expect(plugLabel('DOMESTIC_EF')).toBe('Domestic E/F');
  });

  it('names them in French for a French driver', () => {
    expect(PLUG_TYPES.map((plug) => plugLabel(plug, french))).toEqual([
      'Type 2',
      'Combo CCS',
      'CHAdeMO',
      'Prise domestique E/F',
      'Autre',
    ]);
  });

  it('names them in English as the contracts do', () => {
    for (const plug of PLUG_TYPES) expect(plugLabel(plug)).toBe(PLUG_LABELS[plug]);
  });

  it('shows unknown plugs as they come, in either language', () => {
    expect(plugLabel('NACS')).toBe('NACS');
    expect(plugLabel('toString')).toBe('toString');
    expect(plugLabel('NACS', french)).toBe('NACS');
  });
});

describe('formatGroupLabel', () => {
  it('reads power · plug · free/total', () => {
    expect(formatGroupLabel({ powerKw: 22, plug: 'TYPE_2', available: 3, total: 8 })).toBe(
      '22 kW · Type 2 · 3/8',
    );
    expect(formatGroupLabel({ powerKw: 50, plug: 'CHADEMO', available: 0, total: 1 })).toBe(
      '50 kW · CHAdeMO · 0/1',
    );
    expect(
      formatGroupLabel({ powerKw: 150, plug: 'CCS_COMBO', available: 2, total: 4 }, french),
    ).toBe('150 kW · Combo CCS · 2/4');
    expect(
      formatGroupLabel({ powerKw: 7.4, plug: 'TYPE_2', available: 1, total: 2 }, french, 'fr'),
    ).toBe('7,4 kW · Type 2 · 1/2');
  });
});
