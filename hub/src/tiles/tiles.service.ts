import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type LiveFrame, type StationFilter, stationFilterQueryString } from '@wattsup/contracts';
import { Counter } from 'prom-client';
import type { Subscription } from 'rxjs';
import { InvalidInputError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LiveBridge } from '../live/live-bridge';
import { MetricsService } from '../metrics/metrics.service';
import { type CachedTile, TileCache } from './tile-cache';
import {
  isValidTile,
  MAX_TILE_ZOOM,
  type TileAddress,
  tileKey,
  tilesContaining,
} from './tile-math';
import { TILE_BUFFER, TILE_EXTENT, TilesRepository } from './tiles.repository';

/**
 * Station vector tiles: clusters up to TILE_CLUSTER_MAX_ZOOM, stations above. Tiles are cached in
 * this instance; every instance hears every status change through the live bridge and drops the
 * tiles that show that station, and an import drops them all.
 */
@Injectable()
export class TilesService implements OnModuleInit, OnModuleDestroy {
  private readonly cache: TileCache;
  private events?: Subscription;
  private readonly requests: Counter<'cache'>;

  constructor(
    private readonly repository: TilesRepository,
    private readonly bridge: LiveBridge,
    metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cache = new TileCache(config.TILE_CACHE_MAX_ENTRIES, config.TILE_CACHE_TTL_SECONDS * 1000);
    this.requests = new Counter({
      name: 'wattsup_tile_requests_total',
      help: 'Station tiles served, by whether they came from the cache',
      labelNames: ['cache'] as const,
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.events = this.bridge.frames.subscribe((frame) => this.invalidate(frame));
  }

  onModuleDestroy(): void {
    this.events?.unsubscribe();
  }

  /** The tile of the stations that match the filter, counting only their matching terminals. */
  async stationTile(address: TileAddress, filter: StationFilter = {}): Promise<CachedTile> {
    if (!isValidTile(address))
      throw new InvalidInputError(
        `No such tile: z is 0..${MAX_TILE_ZOOM}, x and y are 0..2^z-1 integers.`,
      );
    // Equal filters written differently share one entry (and one ETag).
    const key = { area: tileKey(address), variant: stationFilterQueryString(filter) };
    const hit = this.cache.peek(key);
    this.requests.inc({ cache: hit ? 'hit' : 'miss' });
    return hit ?? this.cache.get(key, () => this.render(address, filter));
  }

  private async render(address: TileAddress, filter: StationFilter): Promise<CachedTile> {
    const body =
      address.z <= this.config.TILE_CLUSTER_MAX_ZOOM
        ? await this.repository.clustersTile(address, filter)
        : await this.repository.stationsTile(address, filter);
    return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  }

  private invalidate(frame: LiveFrame): void {
    if (frame.type === 'import.progress') {
      this.cache.clear();
    } else if (frame.type === 'terminal.status') {
      const { lon, lat } = frame.data;
      for (let z = 0; z <= MAX_TILE_ZOOM; z++) {
        // Station tiles carry a buffer past their edge; cluster tiles do not, and a wider set
        // only costs a few needless misses.
        for (const tile of tilesContaining(lon, lat, z, TILE_BUFFER / TILE_EXTENT))
          this.cache.invalidate(tileKey(tile));
      }
    }
  }
}
