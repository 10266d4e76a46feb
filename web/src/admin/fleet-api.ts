import type { FleetSummary } from '@wattsup/contracts';
import { apiRequest } from '../lib/http';

/** The fleet's counts and latest faults and disconnects (at most a second old). */
export function fetchFleet(): Promise<FleetSummary> {
  return apiRequest('/admin/fleet');
}
