import { describe, expect, it } from '@jest/globals';
import { formatGroupLabel, formatPowerKw, plugLabel } from './terminal-groups';

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
});

describe('plugLabel', () => {
  it('names known plug codes', () => {
    expect(plugLabel('TYPE_2')).toBe('Type 2');
    expect(plugLabel('CCS_COMBO')).toBe('CCS Combo');
    expect(plugLabel('DOMESTIC_EF')).toBe('Domestic E/F');
  });

  it('shows unknown plugs as they come', () => {
    expect(plugLabel('NACS')).toBe('NACS');
    expect(plugLabel('toString')).toBe('toString');
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
  });
});
