import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import mqtt, { type MqttClient } from 'mqtt';
import { APP_CONFIG, type AppConfig } from '../config/config';

export type MqttState = 'disabled' | 'connected' | 'disconnected';

/** The hub's MQTT client, connected when `MQTT_URL` is set; reconnects on its own. */
@Injectable()
export class MqttConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MqttConnection.name);
  private client: MqttClient | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (!this.config.MQTT_URL) return;
    this.client = mqtt.connect(this.config.MQTT_URL, {
      clientId: `wattsup-hub-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      reconnectPeriod: 2000,
      connectTimeout: 5000,
    });
    this.client.on('connect', () => this.logger.log('MQTT connected'));
    this.client.on('error', (error) => this.logger.warn(`MQTT: ${error.message}`));
  }

  get state(): MqttState {
    if (!this.client) return 'disabled';
    return this.client.connected ? 'connected' : 'disconnected';
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.endAsync(true);
  }
}
