import { Global, Module } from '@nestjs/common';
import { ChargingService } from './charging.service';

@Global()
@Module({ providers: [ChargingService], exports: [ChargingService] })
export class ChargingModule {}
