import { Module } from '@nestjs/common';
import { AdminStationsController } from './admin-stations.controller';
import { StationAdminRepository } from './station-admin.repository';
import { StationAdminService } from './station-admin.service';
import { StationsController } from './stations.controller';
import { StationsRepository } from './stations.repository';
import { StationsService } from './stations.service';

@Module({
  controllers: [StationsController, AdminStationsController],
  providers: [StationsService, StationsRepository, StationAdminService, StationAdminRepository],
  exports: [StationsService],
})
export class StationsModule {}
