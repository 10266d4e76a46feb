import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnModuleInit,
} from '@nestjs/common';
import { HUB_SUBSCRIPTIONS } from '@wattsup/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { VehicleTelemetryService } from '../vehicles/vehicle-telemetry.service';
import { IngestBacklog } from './ingest-backlog';
import { MqttChargersService } from './mqtt-chargers.service';
import { MqttConnection } from './mqtt.connection';
import {
  decodeDeviceMessage,
  type DeviceMessage,
  type Rejection,
  type RejectionReason,
} from './mqtt-message.decoder';

/** Longest a stopping hub waits for the messages it took to be written. */
const SHUTDOWN_DRAIN_MS = 10_000;
/** Refusals of one kind and reason are logged at most this often; the counter sees them all. */
const REJECTION_LOG_INTERVAL_MS = 1000;

/**
 * The MQTT transport: decode and validate each device message, hand it to its service, count and
 * log what is refused. A bad message never stops the others. Work runs in the background within
 * a bounded backlog; when the backlog is full the next message waits, and with it the broker.
 */
@Injectable()
export class MqttIngestion implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(MqttIngestion.name);
  private readonly backlog: IngestBacklog;
  private readonly lastRejectionLog = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly connection: MqttConnection,
    private readonly chargers: MqttChargersService,
    private readonly vehicles: VehicleTelemetryService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.backlog = new IngestBacklog(config.MQTT_INGEST_QUEUE_MAX, (size) =>
      metrics.mqttIngestBacklog.set(size),
    );
  }

  onModuleInit(): void {
    this.connection.consume(HUB_SUBSCRIPTIONS, (topic, payload) => this.receive(topic, payload));
  }

  /**
   * No new messages, then every one taken is written, then the chargers' last-seen times: all while
   * the database is still there (MikroORM closes its pool in onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.connection.stop();
    await Promise.race([
      this.backlog.whenEmpty(),
      new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS).unref()),
    ]);
    await this.chargers.stop();
  }

  /** Takes one message; returns a promise only when the next one must wait for room. */
  receive(topic: string, payload: Buffer): Promise<void> | void {
    const now = new Date();
    const decoded = decodeDeviceMessage(topic, payload, {
      now,
      maxClockAheadMs: this.config.MQTT_MAX_CLOCK_AHEAD_SECONDS * 1000,
      maxAgeMs: this.config.TELEMETRY_RETENTION_DAYS * 86_400_000,
    });
    if (!decoded.ok) return this.rejected(topic, decoded);
    this.backlog.take();
    void this.apply(decoded.message)
      .then(
        (reason) =>
          reason
            ? this.rejected(topic, { kind: decoded.message.kind, reason, detail: '' })
            : this.metrics.mqttMessages.inc({ kind: decoded.message.kind }),
        (error: unknown) =>
          this.rejected(topic, {
            kind: decoded.message.kind,
            reason: 'not-stored',
            detail: (error as Error).message,
          }),
      )
      .finally(() => this.backlog.release());
    if (!this.backlog.full) return;
    this.metrics.mqttIngestPauses.inc();
    return this.backlog.whenRoom();
  }

  private apply(message: DeviceMessage): Promise<RejectionReason | null> {
    return message.kind === 'vehicleTelemetry'
      ? this.vehicles.record(message.vehicleId, message.telemetry, message.at)
      : this.chargers.handle(message);
  }

  private rejected(topic: string, rejection: Rejection): void {
    const { kind, reason, detail } = rejection;
    this.metrics.mqttRejectedMessages.inc({ kind, reason });
    // A flood of bad messages must not become a flood of log lines.
    const key = `${kind}:${reason}`;
    const now = Date.now();
    const last = this.lastRejectionLog.get(key);
    if (last && now - last.at < REJECTION_LOG_INTERVAL_MS) {
      last.suppressed += 1;
      return;
    }
    this.lastRejectionLog.set(key, { at: now, suppressed: 0 });
    this.logger.warn(
      {
        topic,
        kind,
        reason,
        detail: detail || undefined,
        alsoRefusedSinceLastLine: last?.suppressed || undefined,
      },
      `MQTT message refused (${reason}) on ${topic}`,
    );
  }
}
