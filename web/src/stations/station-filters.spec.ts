import { describe, expect, it } from '@jest/globals';
import type { NearestStation, VehicleView } from '@wattsup/contracts';
import { translator } from '../lib/i18n';
import {
  FILTER_STORAGE_KEY,
  filterCriteriaCount,
  filterInHash,
  formatDistance,
  hashWithFilter,
  nearestCriteria,
  nearestPath,
  nearestSummary,
  parseStationFilter,
  storedFilter,
  storeFilter,
} from './station-filters';

describe('station filter in links', () => {
  it('reads a shared link, dropping only what is wrong in it', () => {
    expect(
      parseStationFilter('minPowerKw=50&plug=CCS_COMBO,TYPE_2&available=true&free=perhaps&x=1'),
    ).toEqual({ minPowerKw: 50, plug: ['TYPE_2', 'CCS_COMBO'], available: true });
    expect(parseStationFilter('plug=USB&network=Tesla%20Supercharger')).toEqual({
      network: 'Tesla Supercharger',
    });
  });

  it('finds the filter in the map hash, and none when the hash has no query', () => {
    expect(filterInHash('#/stations/abc?pmr=true')).toEqual({ pmr: true });
    expect(filterInHash('#/?')).toEqual({});
    expect(filterInHash('#/stations/abc')).toBeNull();
    expect(filterInHash('')).toBeNull();
  });

  it('writes the filter into the hash, keeping the page', () => {
    expect(hashWithFilter('#/stations/abc?pmr=true', { plug: ['CHADEMO'], free: true })).toBe(
      '#/stations/abc?plug=CHADEMO&free=true',
    );
    expect(hashWithFilter('', { minPowerKw: 22 })).toBe('#/?minPowerKw=22');
    expect(hashWithFilter('#/?minPowerKw=22', {})).toBe('#/');
  });

  it('counts the criteria', () => {
    expect(filterCriteriaCount({})).toBe(0);
    expect(
      filterCriteriaCount({ minPowerKw: 50, plug: ['TYPE_2', 'CCS_COMBO'], network: 'Ionity' }),
    ).toBe(4);
    expect(filterCriteriaCount({ minPowerKw: 0, available: false })).toBe(0);
  });

  it('keeps the filter in storage as a query string', () => {
    const storage = new Map<string, string>();
    const fake = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    };
    expect(storedFilter(fake)).toEqual({});
    storeFilter(fake, { available: true, plug: ['TYPE_2'] });
    expect(storage.get(FILTER_STORAGE_KEY)).toBe('plug=TYPE_2&available=true');
    expect(storedFilter(fake)).toEqual({ plug: ['TYPE_2'], available: true });
  });
});

describe('nearest available', () => {
  const car = { plugs: ['CCS_COMBO', 'TYPE_2'] } as VehicleView;

  it('looks for a free charge point that fits the car, at the map’s minimum power', () => {
    expect(
      nearestCriteria({ kind: 'vehicle', vehicle: car }, { minPowerKw: 50, network: 'Ionity' }),
    ).toEqual({ minPowerKw: 50, plug: ['TYPE_2', 'CCS_COMBO'], available: true });
    expect(nearestCriteria({ kind: 'filter' }, { network: 'Ionity', pmr: true })).toEqual({
      available: true,
      pmr: true,
      network: 'Ionity',
    });
  });

  it('asks the hub around a point', () => {
    expect(nearestPath([1.444, 43.6045], { plug: ['CCS_COMBO'], available: true })).toBe(
      '/stations/nearest?lat=43.60450&lon=1.44400&limit=5&plug=CCS_COMBO&available=true',
    );
  });

  it('tells distance, availability and power at a glance', () => {
    expect([350, 1234, 2000, 24_400].map((metres) => formatDistance(metres))).toEqual([
      '350 m',
      '1.2 km',
      '2.0 km',
      '24 km',
    ]);
    const station = {
      distanceM: 1234,
      availability: { available: 2, total: 4 },
      maxPowerKw: 150,
    } as NearestStation;
    expect(nearestSummary(station)).toBe('1.2 km · 2/4 free · up to 150 kW');
    expect(nearestSummary(station, translator('fr'), 'fr')).toBe(
      '1,2 km · 2/4 libres · jusqu’à 150 kW',
    );
  });

  it('writes distances and power with the French decimal comma', () => {
    expect([350, 1234, 2000, 24_400].map((metres) => formatDistance(metres, 'fr'))).toEqual([
      '350 m',
      '1,2 km',
      '2,0 km',
      '24 km',
    ]);
    const station = {
      distanceM: 7_450,
      availability: { available: 1, total: 2 },
      maxPowerKw: 7.4,
    } as NearestStation;
    expect(nearestSummary(station)).toBe('7.5 km · 1/2 free · up to 7.4 kW');
    expect(nearestSummary(station, translator('fr'), 'fr')).toBe(
      '7,5 km · 1/2 libres · jusqu’à 7,4 kW',
    );
  });
});
