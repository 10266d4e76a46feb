import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { TerminalStatus } from '@wattsup/contracts';
import { ChargingService } from '../charging/charging.service';
import { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import type { DeviceMessage, RejectionReason } from './mqtt-message.decoder';
import { meterReading, sessionStepOnMeter, sessionStepOnStatus } from './mqtt-charging';
import { type MqttChargerRecord, MqttChargersRepository } from './mqtt-chargers.repository';
import { SerialByKey } from './serial-by-key';
import { TtlCache } from './ttl-cache';

type ChargerMessage = Extract<DeviceMessage, { kind: 'connectorStatus' | 'connectorMeter' }>;

/** Registrations and bindings change rarely; a changed one is seen within this time. */
const KNOWN_CHARGER_TTL_MS = 30_000;
/** An unknown identity is looked up again this soon, so a charger just registered gets in fast. */
const UNKNOWN_CHARGER_TTL_MS = 5_000;
const LAST_SEEN_FLUSH_MS = 1_000;

/**
 * MQTT chargers' status and meter messages, into the same pipelines as OCPP: terminal status
 * (history, live events), charging sessions (energy, observed power). Messages of one charger are
 * handled in order; different chargers side by side.
 */
@Injectable()
export class MqttChargersService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MqttChargersService.name);
  private readonly chargers = new TtlCache<string, Promise<MqttChargerRecord | null>>(50_000);
  private readonly serial = new SerialByKey();
  private lastSeen = new Map<string, Date>();
  private lastSeenTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: MqttChargersRepository,
    private readonly statuses: TerminalStatusRecorder,
    private readonly charging: ChargingService,
  ) {}

  onModuleInit(): void {
    this.lastSeenTimer = setInterval(() => void this.flushLastSeen(), LAST_SEEN_FLUSH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lastSeenTimer) clearInterval(this.lastSeenTimer);
    await this.flushLastSeen();
  }

  /** Resolves once the message is applied, with why it was refused, or null. */
  handle(message: ChargerMessage): Promise<RejectionReason | null> {
    return this.serial.run(message.chargerId, async () => {
      const charger = await this.charger(message.chargerId);
      if (!charger) return 'unknown-charger';
      // A charger registered for OCPP speaks OCPP; MQTT in its name is someone else's.
      if (charger.protocol !== 'mqtt') return 'not-mqtt-charger';
      if (charger.registrationStatus !== 'Accepted') return 'charger-not-accepted';
      const previous = this.lastSeen.get(charger.id);
      if (!previous || previous < message.at) this.lastSeen.set(charger.id, message.at);
      return message.kind === 'connectorStatus'
        ? this.status(charger, message)
        : this.meter(charger, message);
    });
  }

  private charger(identity: string): Promise<MqttChargerRecord | null> {
    let found = this.chargers.get(identity);
    if (!found) {
      found = this.repository.byIdentity(identity);
      this.chargers.set(identity, found, KNOWN_CHARGER_TTL_MS);
      found.then(
        (record) => {
          if (!record) this.chargers.set(identity, found!, UNKNOWN_CHARGER_TTL_MS);
        },
        () => this.chargers.delete(identity),
      );
    }
    return found;
  }

  private async status(
    charger: MqttChargerRecord,
    message: Extract<ChargerMessage, { kind: 'connectorStatus' }>,
  ): Promise<RejectionReason | null> {
    // As OCPP 1.6 §4.9: connector 0 is the whole charger; only its going down concerns every connector.
    const connectorIds =
      message.connectorId === 0
        ? isWholeChargerDown(message.status)
          ? [...charger.connectors.keys()]
          : []
        : [message.connectorId];
    if (message.connectorId !== 0 && !charger.connectors.has(message.connectorId)) {
      return 'unbound-connector';
    }
    await this.statuses.record(
      connectorIds.map((connectorId) => ({
        terminalId: charger.connectors.get(connectorId)!,
        status: message.status,
        source: 'MQTT',
        occurredAt: message.at,
        sourceStatus: message.sourceStatus,
        errorCode: message.errorCode,
      })),
    );
    for (const connectorId of connectorIds) {
      const open = await this.charging.openTransactionOn(charger.id, connectorId);
      const step = sessionStepOnStatus(message.status, open !== null);
      if (step === 'start') await this.startSession(charger, connectorId, message.at);
      if (step === 'stop' && open) {
        await this.charging.stop({
          chargerId: charger.id,
          transactionId: open,
          meterStopWh: null,
          stoppedAt: message.at,
          reason: message.status === 'AVAILABLE' ? 'EVDisconnected' : message.sourceStatus,
          readings: [],
        });
      }
    }
    return null;
  }

  private async meter(
    charger: MqttChargerRecord,
    message: Extract<ChargerMessage, { kind: 'connectorMeter' }>,
  ): Promise<RejectionReason | null> {
    if (!charger.connectors.has(message.connectorId)) return 'unbound-connector';
    let open = await this.charging.openTransactionOn(charger.id, message.connectorId);
    if (sessionStepOnMeter(message.meter, open !== null) === 'start') {
      open = await this.startSession(charger, message.connectorId, message.at);
    }
    if (open) {
      await this.charging.meter(charger.id, open, [meterReading(message.meter, message.at)]);
    }
    return null;
  }

  private async startSession(
    charger: MqttChargerRecord,
    connectorId: number,
    at: Date,
  ): Promise<string> {
    const { transactionId } = await this.charging.start({
      chargerId: charger.id,
      connectorId,
      terminalId: charger.connectors.get(connectorId) ?? null,
      transactionId: `mqtt-${connectorId}-${at.getTime()}`,
      idTag: null,
      // Known from the first meter reading: a status message carries no register.
      meterStartWh: null,
      startedAt: at,
    });
    return transactionId;
  }

  private async flushLastSeen(): Promise<void> {
    if (this.lastSeen.size === 0) return;
    const batch = this.lastSeen;
    this.lastSeen = new Map();
    await this.repository.touch(batch).catch((error: unknown) => {
      this.logger.warn(`last-seen update failed: ${(error as Error).message}`);
    });
  }
}

function isWholeChargerDown(status: TerminalStatus): boolean {
  return status === 'UNAVAILABLE' || status === 'FAULTED';
}
