import { Module } from '@nestjs/common';
import { OcppModule } from '../ocpp/ocpp.module';
import { AdminSupportController, SupportController } from './support.controller';
import { SupportRepository } from './support.repository';
import { SupportService } from './support.service';

@Module({
  imports: [OcppModule],
  controllers: [SupportController, AdminSupportController],
  providers: [SupportRepository, SupportService],
})
export class SupportModule {}
