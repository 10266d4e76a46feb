import { describe, expect, it } from '@jest/globals';
import {
  AVAILABILITY_COLORS,
  availabilityColor,
  availabilityOf,
  type Availability,
} from './availability';

describe('availabilityOf', () => {
  it.each<[number, number, Availability]>([
    [3, 8, 'available'],
    [1, 1, 'available'],
    [0, 8, 'unavailable'],
    [0, 0, 'unknown'],
    [2, 0, 'unknown'],
  ])('%i free of %i is %s', (available, total, expected) => {
    expect(availabilityOf({ available, total })).toBe(expected);
  });
});

describe('availabilityColor', () => {
  it('is green when some are free, orange when none are, grey when unknown', () => {
    expect(availabilityColor({ available: 3, total: 8 })).toBe(AVAILABILITY_COLORS.available);
    expect(availabilityColor({ available: 0, total: 8 })).toBe(AVAILABILITY_COLORS.unavailable);
    expect(availabilityColor({ available: 0, total: 0 })).toBe(AVAILABILITY_COLORS.unknown);
  });
});
