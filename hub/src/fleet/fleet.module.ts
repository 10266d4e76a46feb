import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { FleetSummaryPublisher } from './fleet-summary.publisher';
import { FleetController } from './fleet.controller';
import { FleetRepository } from './fleet.repository';
import { FleetService } from './fleet.service';

/** The admins' fleet dashboard: `GET /admin/fleet` and the `fleet.summary` live event. */
@Module({
  imports: [LiveModule],
  controllers: [FleetController],
  providers: [FleetRepository, FleetService, FleetSummaryPublisher],
})
export class FleetModule {}
