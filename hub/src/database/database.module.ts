import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { mikroOrmConfig } from './mikro-orm.config';

@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      driver: PostgreSqlDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...mikroOrmConfig({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX }),
        // Nest 11 path syntax for the request-context middleware (the package still defaults to '*').
        forRoutesPath: '{*all}',
      }),
    }),
  ],
})
export class DatabaseModule {}
