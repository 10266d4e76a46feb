import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  nearestStationsQuery,
  stationsInBboxQuery,
  uuidParam,
  type NearestStation,
  type NearestStationsQuery,
  type StationFeatureCollection,
  type StationNetwork,
  type StationView,
} from '@wattsup/contracts';
import type { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe';
import { ApiStationFilter } from './station-filter.openapi';
import { StationsService } from './stations.service';

@ApiTags('stations')
@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Get()
  @ApiOperation({ summary: 'Stations in a bounding box, as GeoJSON with availability per station' })
  @ApiQuery({
    name: 'bbox',
    example: '1.35,43.55,1.50,43.65',
    description: 'minLon,minLat,maxLon,maxLat',
  })
  @ApiQuery({ name: 'limit', required: false, example: 2000 })
  inBbox(
    @Query(new ZodPipe(stationsInBboxQuery)) query: z.output<typeof stationsInBboxQuery>,
  ): Promise<StationFeatureCollection> {
    return this.stations.inBbox(query.bbox, query.limit);
  }

  @Get('nearest')
  @ApiOperation({ summary: 'Nearest stations with a matching terminal, with distance in metres' })
  @ApiQuery({ name: 'lat', example: 43.6045 })
  @ApiQuery({ name: 'lon', example: 1.444 })
  @ApiQuery({ name: 'limit', required: false, example: 10 })
  @ApiStationFilter()
  nearest(
    @Query(new ZodPipe(nearestStationsQuery)) query: NearestStationsQuery,
  ): Promise<NearestStation[]> {
    return this.stations.nearest(query);
  }

  @Get('networks')
  @ApiOperation({ summary: 'Networks (e.g. Tesla Supercharger) with their station counts' })
  networks(): Promise<StationNetwork[]> {
    return this.stations.networks();
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One station with its terminals grouped as power · plug · available/total',
  })
  detail(@Param('id', new ZodPipe(uuidParam)) id: string): Promise<StationView> {
    return this.stations.detail(id);
  }
}
