import { Controller, Get, Headers, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stationFilterQuery, type StationFilter } from '@wattsup/contracts';
import type { Response } from 'express';
import { ZodPipe } from '../common/zod.pipe';
import { ApiStationFilter } from '../stations/station-filter.openapi';
import { etagMatches } from './tile-math';
import { TilesService } from './tiles.service';

@ApiTags('tiles')
@Controller('tiles')
export class TilesController {
  constructor(private readonly tiles: TilesService) {}

  @Get('stations/:z/:x/:y.mvt')
  @ApiOperation({
    summary:
      'Station vector tile: layer `clusters` (counts) at low zoom, layer `stations` (summary) above',
  })
  @ApiProduces('application/vnd.mapbox-vector-tile')
  @ApiStationFilter()
  async stations(
    @Param('z', ParseIntPipe) z: number,
    @Param('x', ParseIntPipe) x: number,
    @Param('y', ParseIntPipe) y: number,
    @Query(new ZodPipe(stationFilterQuery)) filter: StationFilter,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const tile = await this.tiles.stationTile({ z, x, y }, filter);
    // Live changes come over /live; a map that refetches a tile revalidates it cheaply.
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('ETag', tile.etag);
    if (etagMatches(ifNoneMatch, tile.etag)) {
      response.status(304).end();
      return;
    }
    response.type('application/vnd.mapbox-vector-tile').send(tile.body);
  }
}
