import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { TerminalStatus } from '@wattsup/contracts';
import { ChargersService } from '../chargers/chargers.service';
import { ChargingService } from '../charging/charging.service';
import { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import type { DeviceMessage, RejectionReason } from './mqtt-message.decoder';
import { LastSeenBatch } from './last-seen-batch';
import { meterReading, sessionStepOnMeter, sessionStepOnStatus } from './mqtt-charging';
import { type MqttChargerRecord, MqttChargersRepository } from './mqtt-chargers.repository';
import { SerialByKey } from './serial-by-key';
import { TtlCache } from './ttl-cache';

type ChargerMessage = Extract<
  DeviceMessage,
  { kind: 'connectorStatus' | 'connectorMeter' | 'chargerAvailability' }
>;

/** Registrations and bindings change rarely; a changed one is seen within this time. */
const KNOWN_CHARGER_TTL_MS = 30_000;
/** An unknown identity is looked up again this soon, so a charger just registered gets in fast. */
const UNKNOWN_CHARGER_TTL_MS = 5_000;
const LAST_SEEN_FLUSH_MS = 1_000;
/** While the database refuses last-seen writes, attempts slow down to one per this. */
const LAST_SEEN_MAX_BACKOFF_MS = 30_000;
/** Beyond this many chargers waiting for their last-seen write, new ones are not held. */
const LAST_SEEN_MAX_CHARGERS = 200_000;
/** Longest a stopping hub keeps trying to write the last-seen times. */
const LAST_SEEN_SHUTDOWN_MS = 5_000;

/**
 * MQTT chargers' status, meter and availability messages, into the same pipelines as OCPP:
 * terminal status (history, live events), charging sessions (energy, observed power), presence
 * (online flag, `charger.connection`, terminals OFFLINE when the charger is gone). Messages of one
 * charger are handled in order; different chargers side by side.
 */
@Injectable()
export class MqttChargersService implements OnModuleInit {
  private readonly logger = new Logger(MqttChargersService.name);
  private readonly chargers = new TtlCache<string, Promise<MqttChargerRecord | null>>(50_000);
  private readonly serial = new SerialByKey();
  private readonly lastSeen: LastSeenBatch;

  constructor(
    private readonly repository: MqttChargersRepository,
    private readonly presence: ChargersService,
    private readonly statuses: TerminalStatusRecorder,
    private readonly charging: ChargingService,
  ) {
    this.lastSeen = new LastSeenBatch((batch) => presence.touch(batch), {
      everyMs: LAST_SEEN_FLUSH_MS,
      maxBackoffMs: LAST_SEEN_MAX_BACKOFF_MS,
      maxChargers: LAST_SEEN_MAX_CHARGERS,
      warn: (message) => this.logger.warn(message),
    });
  }

  onModuleInit(): void {
    this.lastSeen.start();
  }

  /**
   * Writes the last-seen times still waiting. The transport calls it once its messages are
   * handled and before the database closes (hence not an onApplicationShutdown of its own).
   */
  stop(): Promise<void> {
    return this.lastSeen.stop(LAST_SEEN_SHUTDOWN_MS);
  }

  /** Resolves once the message is applied, with why it was refused, or null. */
  handle(message: ChargerMessage): Promise<RejectionReason | null> {
    return this.serial.run(message.chargerId, async () => {
      const charger = await this.charger(message.chargerId);
      if (!charger) return 'unknown-charger';
      // A charger registered for OCPP speaks OCPP; MQTT in its name is someone else's.
      if (charger.protocol !== 'mqtt') return 'not-mqtt-charger';
      if (charger.registrationStatus !== 'Accepted') return 'charger-not-accepted';
      // When the hub heard it, not the device's clock: presence is the hub's view (as OCPP's).
      const heardAt = new Date();
      switch (message.kind) {
        case 'chargerAvailability':
          return this.availability(charger, message, heardAt);
        case 'connectorStatus':
          this.lastSeen.seen(charger.id, heardAt);
          return this.status(charger, message);
        case 'connectorMeter':
          this.lastSeen.seen(charger.id, heardAt);
          return this.meter(charger, message);
      }
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

  /**
   * `online: true` (on connect, then as a heartbeat) marks the charger online once; `online: false`
   * (its will, or a clean goodbye) takes it and its terminals offline the way a closed OCPP socket
   * does. Silence is OCPP's too: `OcppSessions` sweeps every charger still online and silent past
   * twice its heartbeat interval plus OCPP_OFFLINE_GRACE_SECONDS, which is why the interval a
   * charger announces is stored.
   */
  private async availability(
    charger: MqttChargerRecord,
    message: Extract<ChargerMessage, { kind: 'chargerAvailability' }>,
    heardAt: Date,
  ): Promise<null> {
    const identity = { id: charger.id, identity: message.chargerId };
    const { online, heartbeatSeconds } = message.availability;
    if (!online) {
      // A retained will redelivered to a hub subscribing again concerns a charger already offline.
      if (await this.repository.online(charger.id)) {
        await this.presence.declareOffline(identity, [...charger.connectors.values()], heardAt);
      }
      return null;
    }
    if (heartbeatSeconds !== undefined && heartbeatSeconds !== charger.heartbeatSeconds) {
      await this.repository.setHeartbeatInterval(charger.id, heartbeatSeconds);
      charger.heartbeatSeconds = heartbeatSeconds;
    }
    this.lastSeen.seen(charger.id, heardAt);
    await this.presence.setOnline(identity, true, heardAt, { ifChanged: true });
    return null;
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
}

function isWholeChargerDown(status: TerminalStatus): boolean {
  return status === 'UNAVAILABLE' || status === 'FAULTED';
}
