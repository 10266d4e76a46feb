import { Controller, Get, Headers, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  async stations(
    @Param('z', ParseIntPipe) z: number,
    @Param('x', ParseIntPipe) x: number,
    @Param('y', ParseIntPipe) y: number,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const tile = await this.tiles.stationTile({ z, x, y });
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
