import { Module } from '@nestjs/common';
import { ExportController } from './export.controller';
import { ExportRepository } from './export.repository';
import { ExportService } from './export.service';

/** Open data out: the hub's live status in the official IRVE dynamic format. */
@Module({
  controllers: [ExportController],
  providers: [ExportService, ExportRepository],
})
export class ExportModule {}
