import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  adminStationsQuery,
  createStationRequest,
  terminalRequest,
  updateStationRequest,
  updateTerminalRequest,
  uuidParam,
  type AdminStationPage,
  type AdminStationsQuery,
  type AdminStationView,
  type CreateStationRequest,
  type TerminalRequest,
  type UpdateStationRequest,
  type UpdateTerminalRequest,
} from '@wattsup/contracts';
import { Roles, SessionGuard } from '../auth/session.guard';
import { ZodPipe } from '../common/zod.pipe';
import { StationAdminService } from './station-admin.service';

const id = () => new ZodPipe(uuidParam);

@ApiTags('admin')
@Controller('admin/stations')
@UseGuards(SessionGuard)
@Roles('ADMIN')
export class AdminStationsController {
  constructor(private readonly stations: StationAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Stations by name, IRVE id, operator or address, with the total' })
  list(
    @Query(new ZodPipe(adminStationsQuery)) query: AdminStationsQuery,
  ): Promise<AdminStationPage> {
    return this.stations.list(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a station with its charge points (409 for a taken IRVE or PDC id)',
  })
  create(
    @Body(new ZodPipe(createStationRequest)) body: CreateStationRequest,
  ): Promise<AdminStationView> {
    return this.stations.create(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One station with every charge point, retired ones included' })
  detail(@Param('id', id()) stationId: string): Promise<AdminStationView> {
    return this.stations.detail(stationId);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit or move a station (409 once retired)' })
  update(
    @Param('id', id()) stationId: string,
    @Body(new ZodPipe(updateStationRequest)) body: UpdateStationRequest,
  ): Promise<AdminStationView> {
    return this.stations.update(stationId, body);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Retire a station and its charge points, keeping their history (409 while one is reserved)',
  })
  retire(@Param('id', id()) stationId: string): Promise<AdminStationView> {
    return this.stations.retire(stationId);
  }

  @Post(':id/terminals')
  @ApiOperation({ summary: 'Add a charge point (409 for a taken PDC id)' })
  addTerminal(
    @Param('id', id()) stationId: string,
    @Body(new ZodPipe(terminalRequest)) body: TerminalRequest,
  ): Promise<AdminStationView> {
    return this.stations.addTerminal(stationId, body);
  }

  @Patch(':id/terminals/:terminalId')
  @ApiOperation({ summary: 'Edit a charge point: PDC id, power, plugs' })
  updateTerminal(
    @Param('id', id()) stationId: string,
    @Param('terminalId', id()) terminalId: string,
    @Body(new ZodPipe(updateTerminalRequest)) body: UpdateTerminalRequest,
  ): Promise<AdminStationView> {
    return this.stations.updateTerminal(stationId, terminalId, body);
  }

  @Post(':id/terminals/:terminalId/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a charge point (409 while a reservation holds it)' })
  retireTerminal(
    @Param('id', id()) stationId: string,
    @Param('terminalId', id()) terminalId: string,
  ): Promise<AdminStationView> {
    return this.stations.retireTerminal(stationId, terminalId);
  }
}
