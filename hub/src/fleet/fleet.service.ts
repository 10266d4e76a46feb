import { Injectable } from '@nestjs/common';
import type { FleetSummary } from '@wattsup/contracts';
import { summariseFleet } from './fleet-summary';
import { FleetRepository } from './fleet.repository';
import { SharedRead } from './shared-read';

/** How long a summary answers `GET /admin/fleet` before the fleet is read again. */
export const FLEET_CACHE_MS = 1000;

/**
 * The fleet dashboard's figures. Reads go through a one-second cache shared by every admin of
 * this instance, and concurrent reads share one query, so a room full of dashboards costs the
 * database one aggregate per second at most.
 */
@Injectable()
export class FleetService {
  private readonly cache = new SharedRead<FleetSummary>(FLEET_CACHE_MS);

  constructor(private readonly repository: FleetRepository) {}

  /** A summary at most FLEET_CACHE_MS old. */
  summary(): Promise<FleetSummary> {
    return this.cache.get((readAt) => this.read(readAt));
  }

  /** The fleet as it is now (something changed since the cached summary). */
  fresh(): Promise<FleetSummary> {
    return this.cache.refresh((readAt) => this.read(readAt));
  }

  private async read(readAt: number): Promise<FleetSummary> {
    return summariseFleet(await this.repository.read(), new Date(readAt));
  }
}
