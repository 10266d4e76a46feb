import { Module } from '@nestjs/common';
import { TelemetryRetention } from './telemetry-retention';
import { TelemetryRepository } from './telemetry.repository';
import { TelemetryWriter } from './telemetry.writer';
import { VehicleTelemetryService } from './vehicle-telemetry.service';
import { VehiclesController } from './vehicles.controller';
import { VehiclesService } from './vehicles.service';

@Module({
  controllers: [VehiclesController],
  providers: [
    VehiclesService,
    TelemetryRepository,
    TelemetryWriter,
    TelemetryRetention,
    VehicleTelemetryService,
  ],
  exports: [VehicleTelemetryService],
})
export class VehiclesModule {}
