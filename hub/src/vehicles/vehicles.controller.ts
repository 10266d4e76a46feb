import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createVehicleRequest,
  uuidParam,
  vehicleHistoryQuery,
  type CreateVehicleRequest,
  type VehicleCharge,
  type VehicleTrack,
  type VehicleHistoryQuery,
  type VehicleView,
  type VehicleWithCredentials,
} from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { CurrentSession, SessionGuard } from '../auth/session.guard';
import { ZodPipe } from '../common/zod.pipe';
import { VehiclesService } from './vehicles.service';

@ApiTags('vehicles')
@Controller('vehicles')
@UseGuards(SessionGuard)
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Post()
  @ApiOperation({ summary: 'Add a vehicle; its MQTT password is in the answer, once' })
  create(
    @CurrentSession() session: SessionUser,
    @Body(new ZodPipe(createVehicleRequest)) body: CreateVehicleRequest,
  ): Promise<VehicleWithCredentials> {
    return this.vehicles.create(session, body);
  }

  @Get()
  @ApiOperation({ summary: 'My vehicles with their latest state' })
  mine(@CurrentSession() session: SessionUser): Promise<VehicleView[]> {
    return this.vehicles.mine(session);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A vehicle with its latest state (owner or admin)' })
  view(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
  ): Promise<VehicleView> {
    return this.vehicles.view(session, id);
  }

  @Get(':id/track')
  @ApiOperation({
    summary: 'Where the vehicle went, as a GeoJSON LineString (last 24 h by default)',
  })
  track(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(vehicleHistoryQuery)) query: VehicleHistoryQuery,
  ): Promise<VehicleTrack> {
    return this.vehicles.track(session, id, query);
  }

  @Get(':id/charges')
  @ApiOperation({
    summary: 'Charges at known terminals with their real speed, from the car SoC (last 30 days)',
  })
  charges(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(vehicleHistoryQuery)) query: VehicleHistoryQuery,
  ): Promise<VehicleCharge[]> {
    return this.vehicles.charges(session, id, query);
  }

  @Post(':id/mqtt-credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the MQTT password (owner or admin); shown once' })
  renewCredentials(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
  ): Promise<VehicleWithCredentials> {
    return this.vehicles.renewCredentials(session, id);
  }
}
