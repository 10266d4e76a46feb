import { describe, expect, it } from '@jest/globals';
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import type { ExpressionSpecification } from 'maplibre-gl';
import {
  STATIONS_CLUSTER_MAX_ZOOM,
  clusterClickZoom,
  countLabelExpression,
  stationTilesUrl,
} from './stations-source';

function evaluate(expression: ExpressionSpecification, properties: Record<string, unknown>) {
  const parsed = createExpression(expression);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom: 5 }, { type: 'Point', properties, geometry: [] } as never);
}

describe('stationTilesUrl', () => {
  it('carries the filter as its query, in one spelling', () => {
    expect(
      stationTilesUrl('http://127.0.0.1:3000', {
        plug: ['CCS_COMBO'],
        available: true,
        pmr: false,
      }),
    ).toBe('http://127.0.0.1:3000/tiles/stations/{z}/{x}/{y}.mvt?plug=CCS_COMBO&available=true');
  });

  it('is an absolute template on the page origin', () => {
    expect(stationTilesUrl('http://127.0.0.1:3000')).toBe(
      'http://127.0.0.1:3000/tiles/stations/{z}/{x}/{y}.mvt',
    );
  });
});

describe('countLabelExpression', () => {
  it.each([
    [1, '1'],
    [999, '999'],
    [1000, '1k'],
    [1249, '1.2k'],
    [9960, '10k'],
    [15_400, '15k'],
  ])('labels %i as %s', (count, label) => {
    expect(evaluate(countLabelExpression(['get', 'stations']), { stations: count })).toBe(label);
  });
});

describe('clusterClickZoom', () => {
  it('zooms in two levels, stopping where stations show', () => {
    expect(clusterClickZoom(5)).toBe(7);
    expect(clusterClickZoom(9.5)).toBe(STATIONS_CLUSTER_MAX_ZOOM + 1);
    expect(clusterClickZoom(10.5)).toBe(11.5);
  });
});
