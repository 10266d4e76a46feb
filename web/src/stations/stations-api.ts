import type {
  NearestStation,
  StationFilter,
  StationNetwork,
  StationView,
} from '@wattsup/contracts';
import { apiRequest } from '../lib/http';
import { nearestPath } from './station-filters';

/** What the map shows: how many stations, and whether the hub left some out. */
export interface StationsInView {
  count: number;
  truncated: boolean;
}

export function fetchStation(id: string, signal: AbortSignal): Promise<StationView> {
  return apiRequest(`/stations/${encodeURIComponent(id)}`, { signal });
}

/** The networks drivers may filter on, biggest first. */
export function fetchNetworks(): Promise<StationNetwork[]> {
  return apiRequest('/stations/networks');
}

/** The nearest stations around a point that meet the criteria, nearest first. */
export function fetchNearest(
  position: readonly [number, number],
  criteria: StationFilter,
  signal: AbortSignal,
): Promise<NearestStation[]> {
  return apiRequest(nearestPath(position, criteria), { signal });
}
