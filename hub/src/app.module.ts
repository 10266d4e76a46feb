import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { JobsModule } from './jobs/job-queues';
import { ChargingModule } from './charging/charging.module';
import { LiveEventsModule } from './live/live-events';
import { LiveModule } from './live/live.module';
import { TilesModule } from './tiles/tiles.module';
import { ExportModule } from './export/export.module';
import { FleetModule } from './fleet/fleet.module';
import { OcppModule } from './ocpp/ocpp.module';
import { TerminalsModule } from './terminals/terminals.module';
import { WebSocketModule } from './websocket/websocket.module';
import { MetricsModule } from './metrics/metrics.module';
import { MqttModule } from './mqtt/mqtt.module';
import { RedisModule } from './redis/redis.module';
import { ReservationsModule } from './reservations/reservations.module';
import { StationsModule } from './stations/stations.module';
import { SupportModule } from './support/support.module';
import { UsersModule } from './users/users.module';
import { VehiclesModule } from './vehicles/vehicles.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*all}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (request) =>
              request.headers['x-request-id']?.toString() ?? crypto.randomUUID(),
            redact: [
              'req.headers.cookie',
              'req.headers.authorization',
              'res.headers["set-cookie"]',
            ],
            autoLogging: {
              ignore: (request) => request.url === '/health' || request.url === '/metrics',
            },
          },
        }),
        DatabaseModule,
        RedisModule,
        MqttModule,
        MetricsModule,
        LiveEventsModule,
        HealthModule,
        AuthModule,
        StationsModule,
        WebSocketModule,
        TerminalsModule,
        ChargingModule,
        OcppModule,
        ReservationsModule,
        SupportModule,
        JobsModule,
        ImportsModule,
        LiveModule,
        TilesModule,
        ExportModule,
        VehiclesModule,
        UsersModule,
        FleetModule,
      ],
    };
  }
}
