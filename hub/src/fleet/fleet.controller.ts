import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FleetSummary } from '@wattsup/contracts';
import { Roles, SessionGuard } from '../auth/session.guard';
import { FleetService } from './fleet.service';

@ApiTags('admin')
@Controller('admin/fleet')
@UseGuards(SessionGuard)
@Roles('ADMIN')
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  @Get()
  @ApiOperation({
    summary:
      'The fleet now: chargers online/offline by protocol and with a fault, terminals by status, utilisation, recent faults and disconnects',
  })
  summary(): Promise<FleetSummary> {
    return this.fleet.summary();
  }
}
