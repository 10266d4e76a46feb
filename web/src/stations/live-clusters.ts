import {
  CLUSTER_CELLS_PER_TILE,
  clusterCellId,
  clusterCellOf,
  type LiveSnapshotStation,
  MERCATOR_MAX_LAT,
  type StationStatusSummary,
} from '@wattsup/contracts';
import type { ViewBounds } from '../lib/bbox';
import type { LiveBbox } from '../live/live-frames';

/** The cells a cluster view covers: whole tiles of one zoom, so each cluster is all in or out. */
export interface ClusterView {
  z: number;
  /** Inclusive ranges of cell columns and rows. */
  minCx: number;
  maxCx: number;
  minCy: number;
  maxCy: number;
}

/** A cluster's counts under the names of its tile properties, for `map.setFeatureState`. */
export interface ClusterCounts {
  available: number;
  terminals: number;
  doubtful: number;
}

/** Stations are read this far (in tiles) around the view, so rounding at its edge loses none. */
const BBOX_MARGIN = 1 / 64;

const lonOf = (fx: number, size: number) => (fx / size) * 360 - 180;
const latOf = (fy: number, size: number) =>
  (Math.atan(Math.sinh(Math.PI * (1 - (2 * fy) / size))) * 180) / Math.PI;

/**
 * The tiles that show a map view at tile zoom z, as the cells they hold, and the `/live` bbox
 * that covers them: with every station of those tiles known, their clusters can be kept exact.
 */
export function clusterView(bounds: ViewBounds, z: number): { view: ClusterView; bbox: LiveBbox } {
  const size = 2 ** z;
  const west = Math.max(-180, bounds.west);
  const east = Math.min(180, bounds.east);
  const north = Math.min(MERCATOR_MAX_LAT, bounds.north);
  const south = Math.max(-MERCATOR_MAX_LAT, bounds.south);
  const topLeft = clusterCellOf(west, north, z);
  const bottomRight = clusterCellOf(east, south, z);
  const tile = (cell: number) => Math.floor(cell / CLUSTER_CELLS_PER_TILE);
  const [minX, maxX, minY, maxY] = [
    tile(topLeft.cx),
    tile(bottomRight.cx),
    tile(topLeft.cy),
    tile(bottomRight.cy),
  ];
  const view = {
    z,
    minCx: minX * CLUSTER_CELLS_PER_TILE,
    maxCx: (maxX + 1) * CLUSTER_CELLS_PER_TILE - 1,
    minCy: minY * CLUSTER_CELLS_PER_TILE,
    maxCy: (maxY + 1) * CLUSTER_CELLS_PER_TILE - 1,
  };
  const bbox: LiveBbox = [
    Math.max(-180, lonOf(minX - BBOX_MARGIN, size)),
    Math.max(-90, latOf(maxY + 1 + BBOX_MARGIN, size)),
    Math.min(180, lonOf(maxX + 1 + BBOX_MARGIN, size)),
    Math.min(90, latOf(minY - BBOX_MARGIN, size)),
  ];
  return { view, bbox };
}

/** A cluster's counts once one of its stations went from `previous` to `next`. */
export function applyStationChange(
  cluster: ClusterCounts,
  previous: StationStatusSummary,
  next: StationStatusSummary,
): ClusterCounts {
  return {
    available: cluster.available + next.available - previous.available,
    terminals: cluster.terminals + next.total - previous.total,
    doubtful: cluster.doubtful + next.doubtful - previous.doubtful,
  };
}

/** What a station's change means for the clusters of a view. */
export type ClusterChange =
  /** The station lies outside the view: no cluster shown changes. */
  | { kind: 'outside' }
  /** This cluster now has these counts. */
  | { kind: 'cluster'; id: number; counts: ClusterCounts }
  /** A station the snapshot did not hold (new since): its cluster cannot be known exactly. */
  | { kind: 'unknown'; id: number };

/**
 * The clusters of a view, kept exact from a complete `/live` snapshot of its tiles (every station
 * with its counts) and the `terminal.status` events after it: each event moves the cluster of
 * its station by the difference between the station's new counts and those last known. The
 * tiles' own counts, possibly older, are then only shown until the snapshot arrives.
 */
export class LiveClusters {
  private readonly stations = new Map<string, StationStatusSummary>();
  private readonly clusters = new Map<number, ClusterCounts>();

  constructor(
    readonly view: ClusterView,
    snapshot: readonly LiveSnapshotStation[],
  ) {
    for (const station of snapshot) {
      const id = this.clusterOf(station);
      if (id === null) continue;
      this.stations.set(station.stationId, summaryOf(station));
      const counts = this.clusters.get(id) ?? { available: 0, terminals: 0, doubtful: 0 };
      this.clusters.set(id, applyStationChange(counts, NOTHING, station));
    }
  }

  /** Every cluster of the view with its counts. */
  entries(): IterableIterator<[number, ClusterCounts]> {
    return this.clusters.entries();
  }

  update(station: LiveSnapshotStation): ClusterChange {
    const id = this.clusterOf(station);
    if (id === null) return { kind: 'outside' };
    const previous = this.stations.get(station.stationId);
    const counts = this.clusters.get(id);
    if (!previous || !counts) {
      // Its tile may count the station or not: this cluster is no longer known exactly.
      this.clusters.delete(id);
      return { kind: 'unknown', id };
    }
    const next = applyStationChange(counts, previous, station);
    this.stations.set(station.stationId, summaryOf(station));
    this.clusters.set(id, next);
    return { kind: 'cluster', id, counts: next };
  }

  private clusterOf({ lon, lat }: LiveSnapshotStation): number | null {
    const cell = clusterCellOf(lon, lat, this.view.z);
    const { minCx, maxCx, minCy, maxCy } = this.view;
    const inside = cell.cx >= minCx && cell.cx <= maxCx && cell.cy >= minCy && cell.cy <= maxCy;
    return inside ? clusterCellId(cell) : null;
  }
}

const NOTHING: StationStatusSummary = { available: 0, total: 0, doubtful: 0 };

const summaryOf = ({ available, total, doubtful }: StationStatusSummary): StationStatusSummary => ({
  available,
  total,
  doubtful,
});
