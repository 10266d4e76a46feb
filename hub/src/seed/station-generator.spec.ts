import {
  DEMO_AREAS,
  FRANCE_BOUNDS,
  generateStations,
  generateStationsInBounds,
} from './station-generator';

describe('generateStations', () => {
  const stations = [...generateStations(DEMO_AREAS)];

  it('is deterministic for a seed', () => {
    expect([...generateStations(DEMO_AREAS)]).toEqual(stations);
    expect([...generateStations(DEMO_AREAS, 1)][0]).not.toEqual(stations[0]);
  });

  it('creates the requested number of stations with unique ids', () => {
    expect(stations).toHaveLength(DEMO_AREAS.reduce((sum, area) => sum + area.stations, 0));
    expect(new Set(stations.map((station) => station.irveId)).size).toBe(stations.length);
    const pdcIds = stations.flatMap((station) =>
      station.terminals.map((terminal) => terminal.pdcId),
    );
    expect(new Set(pdcIds).size).toBe(pdcIds.length);
  });

  it('keeps stations within their area', () => {
    const toulouse = stations.filter((station) => station.irveId.startsWith('FR*WTU*PTLS'));
    for (const station of toulouse) {
      expect(Math.abs(station.lat - 43.6047)).toBeLessThan(0.1);
      expect(Math.abs(station.lon - 1.4442)).toBeLessThan(0.15);
    }
  });

  it('uses IRVE-shaped ids', () => {
    expect(stations[0].irveId).toMatch(/^FR\*WTU\*P[A-Z0-9]+$/);
    expect(stations[0].terminals[0].pdcId).toMatch(/^FR\*WTU\*E[A-Z0-9]+$/);
  });
});

describe('generateStationsInBounds', () => {
  it('spreads stations within the bounds with about four terminals each', () => {
    const stations = [...generateStationsInBounds(2000, FRANCE_BOUNDS)];
    expect(
      stations.every((s) => s.lon >= FRANCE_BOUNDS.minLon && s.lon <= FRANCE_BOUNDS.maxLon),
    ).toBe(true);
    const terminals = stations.reduce((sum, station) => sum + station.terminals.length, 0);
    expect(terminals / stations.length).toBeGreaterThan(3.5);
    expect(terminals / stations.length).toBeLessThan(4.5);
  });
});
