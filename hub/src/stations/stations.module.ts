import { Module } from '@nestjs/common';
import { StationsController } from './stations.controller';
import { StationsRepository } from './stations.repository';
import { StationsService } from './stations.service';

@Module({
  controllers: [StationsController],
  providers: [StationsService, StationsRepository],
  exports: [StationsService],
})
export class StationsModule {}
