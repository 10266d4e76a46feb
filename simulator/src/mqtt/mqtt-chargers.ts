import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChargerAvailabilityMessage,
  type ChargerCommandMessage,
  type ConnectorMeterMessage,
  type ConnectorStatusMessage,
  chargerCommandMessage,
  parseTopic,
  type Random,
  topics,
} from '@wattsup/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import {
  type ChargerState,
  type ConnectorSpec,
  advanceCharger,
  cancelReservation,
  findConnector,
  newCharger,
  occupy,
  remoteStart,
  reserveNow,
} from '../charger/charger.machine';
import {
  type ArrivingCar,
  type Connector,
  type ConnectorEffect,
  type ConnectorRates,
  FAULT_CODES,
  endSession,
  fault,
  plugIn,
  repair,
} from '../charger/connector.machine';
import { randomFor } from '../seeds';
import type { FleetStats } from '../stats';

export interface MqttChargerSpec {
  readonly identity: string;
  readonly connectors: readonly ConnectorSpec[];
  /** The charger's own MQTT password, used when no gateway account is given. */
  readonly password?: string;
}

export interface MqttConnection {
  readonly url: string;
  /**
   * A gateway account of the broker (BROKER_GATEWAY_USERS), which may speak for every charger;
   * without one each charger logs in with its own identity and password.
   */
  readonly username?: string;
  readonly password?: string;
}

export interface MqttChargersEnvironment {
  /** Each charger draws from its own stream derived from the seed (see seeds.ts). */
  readonly seed: number;
  readonly rates: () => ConnectorRates;
  readonly stats: FleetStats;
  readonly log: (message: string) => void;
  /** Share of connectors a driver takes right after the first report. */
  readonly initialOccupancy?: number;
  /** Real seconds between two meter messages of a charging connector. */
  readonly meterEverySeconds?: number;
}

/** Each charger says it is alive at least this often (its availability's `heartbeatSeconds`). */
export const MQTT_HEARTBEAT_SECONDS = 60;

/** Chargers connecting at once when the group starts. */
const CONNECT_CONCURRENCY = 100;

/** How long a closing connection may take to flush what it still has to send. */
const END_GRACE_MS = 2_000;

/** Ends a connection, flushing what is queued, but never waits on a stalled broker for long. */
export async function endMqtt(client: MqttClient): Promise<void> {
  const graceOver = new AbortController();
  await Promise.race([
    client.endAsync(),
    sleep(END_GRACE_MS, undefined, { signal: graceOver.signal }).catch(() => undefined),
  ]);
  graceOver.abort(); // the grace timer would otherwise hold the process for its full length
  // mqtt.js ignores a second end() while the first waits for acknowledgements: cut the socket.
  if (!client.disconnected) client.stream.destroy();
}

const availability = (message: ChargerAvailabilityMessage) => JSON.stringify(message);

/**
 * Lighter chargers that speak the Watts Up MQTT contract instead of OCPP: the same charger machine,
 * reported as status and meter messages. Each charger has its own connection, as a real one, so
 * that its presence is its own: it announces itself on its availability topic (retained), leaves
 * its Last Will there, repeats the announcement as a heartbeat and says goodbye when stopped. They
 * obey the hub's reserve / cancel / start / stop commands.
 */
export class MqttChargers {
  private readonly clients = new Map<string, MqttClient>();
  /** When each connected charger last announced itself; absent while it is disconnected. */
  private readonly lastAnnouncedMs = new Map<string, number>();
  private readonly passwords = new Map<string, string | undefined>();
  private readonly chargers: Map<string, ChargerState>;
  private readonly randoms = new Map<string, Random>();
  private readonly lastMeterMs = new Map<Connector, number>();

  constructor(
    specs: readonly MqttChargerSpec[],
    private readonly connection: MqttConnection,
    private readonly environment: MqttChargersEnvironment,
  ) {
    for (const spec of specs) {
      this.randoms.set(spec.identity, randomFor(environment.seed, spec.identity));
      this.passwords.set(spec.identity, spec.password);
    }
    this.chargers = new Map(
      specs.map((spec) => [
        spec.identity,
        newCharger(spec.identity, spec.connectors, this.randomOf(spec.identity)),
      ]),
    );
  }

  get size(): number {
    return this.chargers.size;
  }

  get states(): readonly ChargerState[] {
    return [...this.chargers.values()];
  }

  /** Connects every charger, subscribes to its commands, and reports every connector once. */
  async start(): Promise<void> {
    const identities = [...this.chargers.keys()];
    for (let first = 0; first < identities.length; first += CONNECT_CONCURRENCY) {
      await Promise.all(
        identities
          .slice(first, first + CONNECT_CONCURRENCY)
          .map((identity) => this.connect(identity)),
      );
    }
    const now = Date.now();
    await Promise.all(
      this.states.flatMap((charger) =>
        charger.connectors.map((connector) =>
          this.publishStatus(charger.identity, {
            kind: 'status',
            connectorId: connector.id,
            phase: connector.phase,
            errorCode: connector.errorCode,
            atMs: now,
          }),
        ),
      ),
    );
    const { initialOccupancy = 0 } = this.environment;
    for (const charger of this.chargers.values()) {
      this.report(charger, occupy(charger, initialOccupancy, this.randomOf(charger.identity), now));
    }
  }

  /** Says goodbye on each availability topic, then disconnects cleanly (no will). */
  async stop(): Promise<void> {
    const clients = [...this.clients];
    this.clients.clear();
    await Promise.all(
      clients.map(async ([identity, client]) => {
        await client
          .publishAsync(
            topics.chargerAvailability(identity),
            availability({ online: false, ts: new Date().toISOString() }),
            { qos: 1, retain: true },
          )
          .catch(() => undefined);
        await endMqtt(client);
      }),
    );
  }

  /** A charger's connection dies without DISCONNECT, as when its power is cut: the will speaks. */
  cutConnection(identity: string): void {
    this.clients.get(identity)?.stream.destroy();
  }

  tick(dtS: number, nowMs: number): void {
    const rates = this.environment.rates();
    for (const charger of this.chargers.values()) {
      const random = this.randomOf(charger.identity);
      this.report(charger, advanceCharger(charger, dtS, nowMs, random, rates));
      this.sampleMeters(charger, nowMs);
      const announced = this.lastAnnouncedMs.get(charger.identity);
      if (announced !== undefined && nowMs - announced >= MQTT_HEARTBEAT_SECONDS * 1000) {
        void this.announce(charger.identity);
      }
    }
  }

  /** A simulated vehicle plugs in; false when the connector would not take it. */
  plugIn(identity: string, connectorId: number, car: ArrivingCar): boolean {
    const charger = this.chargers.get(identity);
    const connector = charger && findConnector(charger, connectorId);
    if (!charger || !connector) return false;
    this.report(charger, plugIn(connector, car, this.randomOf(identity), Date.now()));
    return connector.car?.visit === car.visit;
  }

  breakConnector(identity: string, nowMs: number): void {
    const charger = this.chargers.get(identity);
    if (!charger) return;
    const random = this.randomOf(identity);
    const connector = random.pick(charger.connectors);
    this.report(charger, fault(connector, random.pick(FAULT_CODES), random, nowMs));
  }

  repairAll(identity: string, nowMs: number): void {
    const charger = this.chargers.get(identity);
    if (!charger) return;
    this.report(
      charger,
      charger.connectors.flatMap((connector) => repair(connector, nowMs)),
    );
  }

  /** The charger's own connection: its will on its availability topic, its commands only. */
  private async connect(identity: string): Promise<void> {
    const { url, username, password } = this.connection;
    const will: ChargerAvailabilityMessage = { online: false, ts: new Date().toISOString() };
    const client = await mqtt.connectAsync(url, {
      clientId: identity,
      username: username ?? identity,
      password: username ? password : this.passwords.get(identity),
      reconnectPeriod: 2_000,
      will: {
        topic: topics.chargerAvailability(identity),
        payload: Buffer.from(availability(will)),
        qos: 1,
        retain: true,
      },
    });
    this.clients.set(identity, client);
    const { stats } = this.environment;
    stats.connected += 1;
    client.on('error', (error) => {
      stats.errors++;
      this.environment.log(`MQTT ${identity}: ${error.message}`);
    });
    client.on('close', () => {
      if (this.lastAnnouncedMs.delete(identity)) stats.connected -= 1;
    });
    client.on('connect', () => {
      stats.reconnects += 1;
      stats.connected += 1;
      void this.announce(identity);
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    await client.subscribeAsync(topics.chargerCommands(identity), { qos: 1 });
    await this.announce(identity);
  }

  /** Online, retained: on each connection, then as the heartbeat. */
  private async announce(identity: string): Promise<void> {
    this.lastAnnouncedMs.set(identity, Date.now());
    await this.publish(
      identity,
      topics.chargerAvailability(identity),
      availability({
        online: true,
        ts: new Date().toISOString(),
        heartbeatSeconds: MQTT_HEARTBEAT_SECONDS,
      }),
      true,
    );
  }

  private randomOf(identity: string): Random {
    return this.randoms.get(identity)!;
  }

  private report(charger: ChargerState, effects: readonly ConnectorEffect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'transactionStarted') this.environment.stats.transactionsStarted++;
      if (effect.kind === 'transactionEnded') this.environment.stats.transactionsEnded++;
      if (effect.kind !== 'status') continue;
      if (effect.phase === 'Faulted') this.environment.stats.faults++;
      void this.publishStatus(charger.identity, effect);
    }
  }

  private async publishStatus(
    identity: string,
    effect: Extract<ConnectorEffect, { kind: 'status' }>,
  ): Promise<void> {
    // The contract takes the OCPP 1.6 words (Preparing, Charging…) as well as canonical ones.
    const message: ConnectorStatusMessage = {
      status: effect.phase,
      ...(effect.errorCode !== 'NoError' ? { errorCode: effect.errorCode } : {}),
      ts: new Date(effect.atMs).toISOString(),
    };
    await this.publish(
      identity,
      topics.connectorStatus(identity, effect.connectorId),
      JSON.stringify(message),
    );
  }

  private sampleMeters(charger: ChargerState, nowMs: number): void {
    const everyMs = (this.environment.meterEverySeconds ?? 60) * 1000;
    for (const connector of charger.connectors) {
      if (!connector.transaction) {
        this.lastMeterMs.delete(connector);
        continue;
      }
      const last = this.lastMeterMs.get(connector);
      if (last !== undefined && nowMs - last < everyMs) continue;
      this.lastMeterMs.set(connector, nowMs);
      const message: ConnectorMeterMessage = {
        powerKw: connector.powerW / 1000,
        energyKwh: connector.energyWh / 1000,
        ...(connector.car ? { socPct: Math.round(connector.car.socPct) } : {}),
        ts: new Date(nowMs).toISOString(),
      };
      void this.publish(
        charger.identity,
        topics.connectorMeter(charger.identity, connector.id),
        JSON.stringify(message),
      );
    }
  }

  private async publish(
    identity: string,
    topic: string,
    payload: string,
    retain = false,
  ): Promise<void> {
    const client = this.clients.get(identity);
    if (!client) return;
    try {
      await client.publishAsync(topic, payload, { qos: 1, retain });
      this.environment.stats.sent++;
    } catch (error) {
      this.environment.stats.errors++;
      this.environment.log(`MQTT publish on ${topic} failed: ${(error as Error).message}`);
    }
  }

  private onMessage(topic: string, payload: Buffer): void {
    const parsed = parseTopic(topic);
    const charger = parsed?.kind === 'chargerCommands' ? this.chargers.get(parsed.chargerId) : null;
    if (!charger) return;
    let body: unknown;
    try {
      body = JSON.parse(payload.toString());
    } catch {
      body = null;
    }
    const command = chargerCommandMessage.safeParse(body);
    if (!command.success) {
      this.environment.stats.errors++;
      this.environment.log(`${charger.identity}: bad command on ${topic}`);
      return;
    }
    this.environment.stats.commands++;
    this.report(charger, this.obey(charger, command.data));
  }

  /** What the device does with a hub command; the hub sees the outcome in the status it reports. */
  private obey(charger: ChargerState, command: ChargerCommandMessage): ConnectorEffect[] {
    const random = this.randomOf(charger.identity);
    const now = Date.now();
    switch (command.command) {
      case 'reserve':
        if (!command.reservationId || !command.idTag || !command.expiresAt) return [];
        return reserveNow(
          charger,
          {
            connectorId: command.connectorId,
            reservationId: command.reservationId,
            idTag: command.idTag,
            expiresAtMs: Date.parse(command.expiresAt),
          },
          now,
        ).effects;
      case 'cancel':
        return command.reservationId
          ? cancelReservation(charger, command.reservationId, now).effects
          : [];
      case 'start':
        return remoteStart(
          charger,
          { connectorId: command.connectorId || undefined, idTag: command.idTag ?? 'MQTT' },
          random,
          now,
        ).effects;
      case 'stop': {
        const connector = findConnector(charger, command.connectorId);
        return connector?.transaction ? endSession(connector, 'Remote', random, now) : [];
      }
    }
  }
}
