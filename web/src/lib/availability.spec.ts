import { describe, expect, it } from '@jest/globals';
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import type { ExpressionSpecification } from 'maplibre-gl';
import {
  AVAILABILITY_COLORS,
  availabilityColor,
  availabilityColorExpression,
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

  it.each<[number, number, number, Availability]>([
    [0, 2, 2, 'unknown'],
    [0, 3, 1, 'unknown'],
    [1, 3, 2, 'available'],
    [0, 3, 0, 'unavailable'],
  ])(
    '%i free of %i with %i doubtful is %s: a doubtful terminal could be free',
    (available, total, doubtful, expected) => {
      expect(availabilityOf({ available, total, doubtful })).toBe(expected);
    },
  );
});

describe('availabilityColor', () => {
  it('is green when some are free, orange when none are, grey when unknown', () => {
    expect(availabilityColor({ available: 3, total: 8 })).toBe(AVAILABILITY_COLORS.available);
    expect(availabilityColor({ available: 0, total: 8 })).toBe(AVAILABILITY_COLORS.unavailable);
    expect(availabilityColor({ available: 0, total: 0 })).toBe(AVAILABILITY_COLORS.unknown);
  });
});

describe('availabilityColorExpression', () => {
  const evaluate = (
    expression: ExpressionSpecification,
    properties: Record<string, unknown>,
    state: Record<string, unknown> = {},
  ) => {
    const parsed = createExpression(expression);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    const color: unknown = parsed.value.evaluate(
      { zoom: 12 },
      { type: 'Point', properties, geometry: [] } as never,
      state,
    );
    return color as string;
  };
  const station = availabilityColorExpression({
    available: 'available',
    total: 'total',
    doubtful: 'doubtful',
    featureState: true,
  });

  it('colours a station from its tile properties', () => {
    expect(evaluate(station, { available: 2, total: 4 })).toBe(AVAILABILITY_COLORS.available);
    expect(evaluate(station, { available: 0, total: 4 })).toBe(AVAILABILITY_COLORS.unavailable);
    expect(evaluate(station, {})).toBe(AVAILABILITY_COLORS.unknown);
  });

  it('prefers the live feature state over the tile', () => {
    expect(evaluate(station, { available: 2, total: 4 }, { available: 0, total: 4 })).toBe(
      AVAILABILITY_COLORS.unavailable,
    );
    expect(evaluate(station, { available: 0, total: 0 }, { available: 1, total: 1 })).toBe(
      AVAILABILITY_COLORS.available,
    );
  });

  it('draws a station none of whose terminals is free, and some doubtful, as unknown', () => {
    expect(evaluate(station, { available: 0, total: 2, doubtful: 2 })).toBe(
      AVAILABILITY_COLORS.unknown,
    );
    expect(evaluate(station, { available: 0, total: 2, doubtful: 2 }, { doubtful: 0 })).toBe(
      AVAILABILITY_COLORS.unavailable,
    );
  });

  it('reads a cluster from its own property names', () => {
    const cluster = availabilityColorExpression({
      available: 'available',
      total: 'terminals',
      doubtful: 'doubtful',
    });
    expect(JSON.stringify(cluster)).not.toContain('feature-state');
    expect(evaluate(cluster, { available: 0, terminals: 12, doubtful: 0 })).toBe(
      AVAILABILITY_COLORS.unavailable,
    );
    expect(evaluate(cluster, { available: 0, terminals: 12, doubtful: 3 })).toBe(
      AVAILABILITY_COLORS.unknown,
    );
  });
});
