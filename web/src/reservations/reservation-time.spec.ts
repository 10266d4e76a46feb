import { describe, expect, it } from '@jest/globals';
import {
  formatDistance,
  formatDuration,
  formatDurationWords,
  formatEnergyKwh,
  formatEuros,
  formatHoldLength,
} from './reservation-time';
import { translator } from '../lib/i18n';

describe('formatDuration', () => {
  it.each([
    [30 * 60_000, '30:00'],
    [30 * 60_000 - 1, '29:59'],
    [4 * 60_000 + 7_000, '4:07'],
    [999, '0:00'],
    [0, '0:00'],
    [-5_000, '0:00'],
    [3_723_000, '1:02:03'],
    [10 * 3_600_000, '10:00:00'],
  ])('reads %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatDurationWords', () => {
  it.each([
    [29 * 60_000 + 59_000, '29 min'],
    [59_999, 'less than 1 min'],
    [-1, 'less than 1 min'],
    [65 * 60_000, '1 h 05 min'],
  ])('reads %i ms as %s', (ms, text) => {
    expect(formatDurationWords(ms)).toBe(text);
  });
});

describe('figures', () => {
  it('formats energy, cost and distance', () => {
    expect(formatEnergyKwh(12.5)).toBe('12.5 kWh');
    expect(formatEnergyKwh(7)).toBe('7 kWh');
    expect(formatEuros(5)).toBe('€5.00');
    expect(formatDistance(0)).toBe('0 m');
    expect(formatDistance(349.6)).toBe('350 m');
    expect(formatDistance(1912)).toBe('1.9 km');
  });

  it('writes them the French way for a French reader', () => {
    expect(formatEnergyKwh(12.5, 'fr')).toBe('12,5 kWh');
    expect(formatEnergyKwh(7, 'fr')).toBe('7 kWh');
    // French puts the euro sign after, behind a no-break space.
    expect(formatEuros(4.2, 'fr')).toBe('4,20\u00a0€');
    expect(formatDistance(349.6, 'fr')).toBe('350 m');
    expect(formatDistance(1912, 'fr')).toBe('1,9 km');
  });
});

describe('formatHoldLength', () => {
  it.each([
    [1800, '30 minutes'],
    [60, '1 minute'],
    [90, '2 minutes'],
    [45, '45 seconds'],
    [1, '1 second'],
  ])('states %i s as %s', (seconds, text) => {
    expect(formatHoldLength(seconds)).toBe(text);
  });
});

describe('in French', () => {
  const fr = translator('fr');

  it('says durations and hold lengths in French', () => {
    expect(formatDurationWords(30_000, fr)).toBe('moins d’1 min');
    expect(formatDurationWords(65 * 60_000, fr)).toBe('1 h 05 min');
    expect(formatHoldLength(1, fr)).toBe('1 seconde');
    expect(formatHoldLength(1800, fr)).toBe('30 minutes');
  });
});
