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

  it('reads a cluster from its own property names, without feature state', () => {
    const cluster = availabilityColorExpression({ available: 'available', total: 'terminals' });
    expect(JSON.stringify(cluster)).not.toContain('feature-state');
    expect(evaluate(cluster, { available: 0, terminals: 12 })).toBe(
      AVAILABILITY_COLORS.unavailable,
    );
  });
});
