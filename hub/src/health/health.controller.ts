import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MqttConnection } from '../mqtt/mqtt.connection';
import { RedisConnection } from '../redis/redis.module';

type CheckState = 'up' | 'down' | 'disabled' | 'connected' | 'disconnected';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    private readonly redis: RedisConnection,
    private readonly mqtt: MqttConnection,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Database, Redis and MQTT reachability; 503 when a required one is down',
  })
  async check(@Res({ passthrough: true }) response: Response) {
    const [database, redis] = await Promise.all([this.databaseUp(), this.redis.ping()]);
    const checks: Record<string, CheckState> = {
      database: database ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      // The hub keeps serving maps and OCPP while its broker reconnects, so MQTT degrades, not fails.
      mqtt: this.mqtt.state,
    };
    const healthy = database && redis;
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'unavailable', checks };
  }

  private async databaseUp(): Promise<boolean> {
    try {
      await this.em.getConnection().execute('select 1');
      return true;
    } catch {
      return false;
    }
  }
}
