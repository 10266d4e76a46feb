import type {
  LiveServerFrame,
  LiveSnapshotStation,
  LiveSubscribeMessage,
} from '@wattsup/contracts';

/** `LIVE_MAX_SUBSCRIBED_STATIONS`, restated so the browser bundle does not pull in zod. */
export const MAX_SUBSCRIBED_STATIONS = 100;

export type LiveBbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface LiveSnapshotSummary {
  /** The bbox of the subscribe it answers. */
  bbox: readonly number[] | null;
  count: number;
  truncated: boolean;
  /** Stations subscribed by id whose terminals the snapshot carried. */
  terminalStationIds: Set<string>;
}

/** What one message from `/live` means for the map. */
export interface LiveBatch {
  /** Set when the message held a snapshot: how many stations it carried. */
  snapshot: LiveSnapshotSummary | null;
  /**
   * Stations' new terminal counts, to show on the map without reloading its tiles; in arrival
   * order, so a later update of the same station wins.
   */
  updates: LiveSnapshotStation[];
  /** Stations one of whose terminals changed since (to refresh an open station panel). */
  changedStationIds: Set<string>;
  errors: string[];
}

const isFrame = (value: unknown): value is LiveServerFrame =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { type?: unknown }).type === 'string' &&
  typeof (value as { data?: unknown }).data === 'object';

/**
 * The frames of one text message: events come as an array, control frames (snapshot, error)
 * alone. Anything unreadable is dropped rather than breaking the socket.
 */
export function parseLiveMessage(text: string): LiveServerFrame[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const frames = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  return frames.filter(isFrame);
}

export function readFrames(frames: readonly LiveServerFrame[]): LiveBatch {
  const batch: LiveBatch = {
    snapshot: null,
    updates: [],
    changedStationIds: new Set(),
    errors: [],
  };
  for (const frame of frames) {
    switch (frame.type) {
      case 'snapshot': {
        const { bbox, stations, terminals, truncated } = frame.data;
        batch.snapshot = {
          bbox,
          count: stations.length,
          truncated,
          terminalStationIds: new Set(terminals.map((terminal) => terminal.stationId)),
        };
        batch.updates.push(...stations);
        break;
      }
      case 'terminal.status': {
        const { stationId, lon, lat, station } = frame.data;
        batch.updates.push({ stationId, lon, lat, ...station });
        batch.changedStationIds.add(stationId);
        break;
      }
      case 'error':
        batch.errors.push(frame.data.message);
        break;
      default:
        break;
    }
  }
  return batch;
}

/** The subscription for a map view and the stations opened by id (at most the hub's limit). */
export function subscribeMessage(
  bbox: LiveBbox | null,
  stationIds: readonly string[],
): LiveSubscribeMessage {
  const ids = [...new Set(stationIds)].slice(0, MAX_SUBSCRIBED_STATIONS);
  return {
    type: 'subscribe',
    ...(bbox ? { bbox } : {}),
    ...(ids.length > 0 ? { stationIds: ids } : {}),
  };
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** In [0, 1): spreads reconnecting clients so a restarted hub is not hit all at once. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, random: Math.random };

/**
 * Wait before reconnect attempt `attempt` (0 for the first): exponential, capped, with "equal
 * jitter" (between half and all of the exponential delay).
 */
export function reconnectDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF) {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exponential / 2 + (exponential / 2) * options.random());
}

/** `ws(s)://<same host>/live` for a page location. */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/live`;
}
