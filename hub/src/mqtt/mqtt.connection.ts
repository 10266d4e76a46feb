import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { probeTopic, subscribeDeviceTopics } from './mqtt-subscriptions';

export type MqttState = 'disabled' | 'connected' | 'disconnected';

/** Receives device messages one at a time; a returned promise holds back the next one. */
export type MqttMessageHandler = (topic: string, payload: Buffer) => Promise<void> | void;

/**
 * The hub's MQTT client, connected when `MQTT_URL` is set; reconnects on its own and subscribes
 * again on every connection (clean sessions). Messages reach the handler in order, and the
 * handler can hold them back: mqtt.js reads the next packet (and acknowledges a QoS 1 one) only
 * when the previous is handled, so a full backlog pushes back on the broker instead of growing.
 */
@Injectable()
export class MqttConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MqttConnection.name);
  private client: MqttClient | null = null;
  private consumer: { filters: readonly string[]; handle: MqttMessageHandler } | null = null;
  private probeArrived: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    if (!this.config.MQTT_URL) return;
    const client = mqtt.connect(this.config.MQTT_URL, {
      clientId: `wattsup-hub-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      reconnectPeriod: 2000,
      connectTimeout: 5000,
      resubscribe: false,
    });
    client.handleMessage = (packet, done) => this.deliver(packet, () => done());
    client.on('connect', () => {
      this.logger.log('MQTT connected');
      void this.subscribe();
    });
    client.on('error', (error) => this.logger.warn(`MQTT: ${error.message}`));
    this.client = client;
  }

  get state(): MqttState {
    if (!this.client) return 'disabled';
    return this.client.connected ? 'connected' : 'disconnected';
  }

  /** Subscribes `filters` (now if connected, and after every reconnection) for `handle`. */
  consume(filters: readonly string[], handle: MqttMessageHandler): void {
    this.consumer = { filters, handle };
    if (this.client?.connected) void this.subscribe();
  }

  /** Publishes and resolves once the broker has it (PUBACK for QoS 1). */
  async publish(topic: string, payload: string, qos: 0 | 1): Promise<void> {
    if (!this.client) throw new Error('MQTT is not configured (MQTT_URL)');
    await this.client.publishAsync(topic, payload, { qos });
  }

  /** Stops taking messages (and reconnecting); idempotent. */
  async stop(): Promise<void> {
    await this.client?.endAsync(true);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async subscribe(): Promise<void> {
    const client = this.client;
    if (!client || !this.consumer) return;
    try {
      const outcome = await subscribeDeviceTopics(
        client,
        this.consumer.filters,
        { group: this.config.MQTT_SHARED_GROUP, qos: this.config.MQTT_SUBSCRIPTION_QOS },
        (timeoutMs) => this.awaitProbe(timeoutMs),
      );
      this.metrics.mqttSharedSubscription.set(outcome.shared ? 1 : 0);
      if (outcome.fallbackReason) {
        this.logger.warn(
          `MQTT shared subscriptions unavailable (${outcome.fallbackReason}): subscribed plainly, so every hub instance receives every device message`,
        );
      }
      this.logger.log(
        `MQTT subscribed to ${this.consumer.filters.length} device topics${outcome.shared ? ` in group ${this.config.MQTT_SHARED_GROUP}` : ''}`,
      );
    } catch (error) {
      // The next connection tries again.
      this.logger.error(`MQTT subscription failed: ${(error as Error).message}`);
    }
  }

  private awaitProbe(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.probeArrived = null;
        resolve(false);
      }, timeoutMs);
      this.probeArrived = () => {
        clearTimeout(timer);
        this.probeArrived = null;
        resolve(true);
      };
    });
  }

  private deliver(packet: IPublishPacket, done: () => void): void {
    if (packet.topic === probeTopic(String(this.client?.options.clientId))) {
      this.probeArrived?.();
      return done();
    }
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    let pending: Promise<void> | void = undefined;
    try {
      pending = this.consumer?.handle(packet.topic, payload);
    } catch (error) {
      this.logger.error(`MQTT handler failed on ${packet.topic}: ${(error as Error).message}`);
    }
    if (!pending) return done();
    pending.then(done, (error: unknown) => {
      this.logger.error(`MQTT handler failed on ${packet.topic}: ${(error as Error).message}`);
      done();
    });
  }
}
