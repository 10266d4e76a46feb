import { Module } from '@nestjs/common';
import { OcppModule } from '../ocpp/ocpp.module';
import { ReservationTimers } from './reservation-timers';
import { AdminReservationsController, ReservationsController } from './reservations.controller';
import { ReservationsRepository } from './reservations.repository';
import { ReservationsService } from './reservations.service';

@Module({
  imports: [OcppModule],
  controllers: [ReservationsController, AdminReservationsController],
  providers: [ReservationsRepository, ReservationsService, ReservationTimers],
})
export class ReservationsModule {}
