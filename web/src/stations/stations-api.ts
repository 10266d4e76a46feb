import type { StationView } from '@wattsup/contracts';
import { apiRequest } from '../lib/http';

/** What the map shows: how many stations, and whether the hub left some out. */
export interface StationsInView {
  count: number;
  truncated: boolean;
}

export function fetchStation(id: string, signal: AbortSignal): Promise<StationView> {
  return apiRequest(`/stations/${encodeURIComponent(id)}`, { signal });
}
