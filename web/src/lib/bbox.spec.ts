import { describe, expect, it } from '@jest/globals';
import { toBboxParam, toBboxTuple } from './bbox';

describe('toBboxParam', () => {
  it('formats a view as minLon,minLat,maxLon,maxLat', () => {
    expect(toBboxParam({ west: 1.2, south: 43.5, east: 1.6, north: 43.7 })).toBe(
      '1.2,43.5,1.6,43.7',
    );
  });

  it('rounds outwards to four decimals so the whole view stays covered', () => {
    expect(toBboxParam({ west: 1.234567, south: 43.123449, east: 1.300001, north: 43.5 })).toBe(
      '1.2345,43.1234,1.3001,43.5',
    );
  });

  it('rounds negative coordinates outwards too', () => {
    expect(toBboxParam({ west: -4.56789, south: -20.00001, east: -4.1, north: -19.9 })).toBe(
      '-4.5679,-20.0001,-4.1,-19.9',
    );
  });

  it('covers the whole world when the view is wider than one world copy', () => {
    expect(toBboxParam({ west: -400, south: -85.05, east: 420, north: 85.05 })).toBe(
      '-180,-85.05,180,85.05',
    );
  });

  it('shifts a view of a wrapped world copy back into WGS84', () => {
    expect(toBboxParam({ west: 361.5, south: 43, east: 362.5, north: 44 })).toBe('1.5,43,2.5,44');
    expect(toBboxParam({ west: -358.5, south: 43, east: -357.5, north: 44 })).toBe('1.5,43,2.5,44');
  });

  it('keeps the western part of a view that crosses the antimeridian', () => {
    expect(toBboxParam({ west: 170, south: -20, east: 190, north: -10 })).toBe('170,-20,180,-10');
  });

  it('clamps latitudes to ±90', () => {
    expect(toBboxParam({ west: 0, south: -95, east: 10, north: 91 })).toBe('0,-90,10,90');
  });
});

describe('toBboxTuple', () => {
  it('gives the same bounds as numbers, back in [-180, 180]', () => {
    expect(toBboxTuple({ west: 361.25, south: 43.5, east: 361.5, north: 43.75 })).toEqual([
      1.25, 43.5, 1.5, 43.75,
    ]);
  });
});
