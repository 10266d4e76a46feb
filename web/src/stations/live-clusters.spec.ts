import { describe, expect, it } from '@jest/globals';
import { clusterCellId, clusterCellOf, type LiveSnapshotStation } from '@wattsup/contracts';
import { applyStationChange, clusterView, LiveClusters } from './live-clusters';

const station = (
  stationId: string,
  lon: number,
  lat: number,
  available: number,
  total: number,
  doubtful = 0,
): LiveSnapshotStation => ({ stationId, lon, lat, available, total, doubtful });

// Toulouse at z8: two stations in one cell, one in the next cell east, one far away.
const Z = 8;
const TOULOUSE = { west: 1.2, south: 43.5, east: 1.7, north: 43.7 };
const cellOf = (lon: number, lat: number) => clusterCellId(clusterCellOf(lon, lat, Z));

describe('applyStationChange', () => {
  it('moves a cluster by the difference between the station before and after', () => {
    expect(
      applyStationChange(
        { available: 5, terminals: 20, doubtful: 3 },
        { available: 1, total: 4, doubtful: 1 },
        { available: 0, total: 4, doubtful: 2 },
      ),
    ).toEqual({ available: 4, terminals: 20, doubtful: 4 });
  });
});

describe('clusterView', () => {
  it('covers whole tiles of the zoom, with a bbox a little wider than they are', () => {
    const { view, bbox } = clusterView(TOULOUSE, Z);
    // z8 tiles 128/93 and 129/93 hold this view.
    expect(view).toEqual({
      z: Z,
      minCx: 128 * 16,
      maxCx: 130 * 16 - 1,
      minCy: 93 * 16,
      maxCy: 94 * 16 - 1,
    });
    const [west, south, east, north] = bbox;
    expect(west).toBeCloseTo(0, 1);
    expect(east).toBeCloseTo(2.8125, 1);
    expect(west).toBeLessThan(0);
    expect(east).toBeGreaterThan(2.8125);
    expect(south).toBeLessThan(TOULOUSE.south);
    expect(north).toBeGreaterThan(TOULOUSE.north);
    // Every corner of the covered cells lies inside the bbox.
    const corner = clusterCellOf(west, north, Z);
    expect(corner.cx).toBeLessThan(view.minCx);
    expect(corner.cy).toBeLessThan(view.minCy);
  });

  it('stays on the map at its edges', () => {
    const { bbox } = clusterView({ west: -200, south: -89, east: 200, north: 89 }, 1);
    expect(bbox).toEqual([-180, expect.any(Number), 180, expect.any(Number)]);
    expect(bbox[1]).toBeGreaterThanOrEqual(-90);
    expect(bbox[3]).toBeLessThanOrEqual(90);
  });
});

describe('LiveClusters', () => {
  const { view } = clusterView(TOULOUSE, Z);
  const snapshot = [
    station('a', 1.44, 43.6, 1, 4, 1),
    station('b', 1.441, 43.601, 0, 2, 0),
    station('c', 1.56, 43.6, 2, 2),
    station('far', 5.37, 43.3, 3, 3),
  ];

  it('adds the stations of the snapshot up per cluster, leaving out those beyond the view', () => {
    const clusters = new LiveClusters(view, snapshot);
    expect(new Map(clusters.entries())).toEqual(
      new Map([
        [cellOf(1.44, 43.6), { available: 1, terminals: 6, doubtful: 1 }],
        [cellOf(1.56, 43.6), { available: 2, terminals: 2, doubtful: 0 }],
      ]),
    );
  });

  it('moves the cluster of a station that changed, by what changed since it was last seen', () => {
    const clusters = new LiveClusters(view, snapshot);
    expect(clusters.update(station('a', 1.44, 43.6, 0, 4, 2))).toEqual({
      kind: 'cluster',
      id: cellOf(1.44, 43.6),
      counts: { available: 0, terminals: 6, doubtful: 2 },
    });
    // The next change is measured from the last one, not from the snapshot.
    expect(clusters.update(station('a', 1.44, 43.6, 3, 4, 0))).toEqual({
      kind: 'cluster',
      id: cellOf(1.44, 43.6),
      counts: { available: 3, terminals: 6, doubtful: 0 },
    });
  });

  it('ignores stations outside the view', () => {
    const clusters = new LiveClusters(view, snapshot);
    expect(clusters.update(station('far', 5.37, 43.3, 0, 3))).toEqual({ kind: 'outside' });
  });

  it('gives up on a cluster when a station the snapshot did not hold changes in it', () => {
    const clusters = new LiveClusters(view, snapshot);
    const id = cellOf(1.44, 43.6);
    expect(clusters.update(station('new', 1.4405, 43.6, 1, 1))).toEqual({ kind: 'unknown', id });
    // Its other stations cannot make it exact again; other clusters stay live.
    expect(clusters.update(station('b', 1.441, 43.601, 1, 2))).toEqual({ kind: 'unknown', id });
    expect(clusters.update(station('c', 1.56, 43.6, 1, 2))).toMatchObject({ kind: 'cluster' });
  });
});
