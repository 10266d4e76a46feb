import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveBridge } from './live-bridge';
import { LiveClients } from './live-clients';
import { LiveGateway } from './live.gateway';
import { LiveRepository } from './live.repository';

/** The `/live` socket and the Redis bridge that feeds it every instance's events. */
@Module({
  imports: [AuthModule],
  providers: [LiveBridge, LiveClients, LiveRepository, LiveGateway],
  exports: [LiveBridge],
})
export class LiveModule {}
