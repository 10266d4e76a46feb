import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveBridge } from './live-bridge';
import { LiveClients } from './live-clients';
import { LiveGateway } from './live.gateway';
import { LiveRepository } from './live.repository';
import { WatchedTopics } from './watched-topics';

/** The `/live` socket and the Redis bridge that feeds it every instance's events. */
@Module({
  imports: [AuthModule],
  providers: [LiveBridge, LiveClients, LiveRepository, LiveGateway, WatchedTopics],
  exports: [LiveBridge, WatchedTopics],
})
export class LiveModule {}
