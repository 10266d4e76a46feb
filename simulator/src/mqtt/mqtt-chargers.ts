import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
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
}

export interface MqttConnection {
  readonly url: string;
  /** A gateway account of the broker (BROKER_GATEWAY_USERS): it publishes for every charger. */
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

/** How long a closing connection may take to flush what it still has to send. */
const END_GRACE_MS = 2_000;

/** Ends a connection, flushing what is queued, but never waits on a stalled broker for long. */
export async function endMqtt(client: MqttClient): Promise<void> {
  await Promise.race([client.endAsync(), sleep(END_GRACE_MS)]);
  // mqtt.js ignores a second end() while the first waits for acknowledgements: cut the socket.
  if (!client.disconnected) client.stream.destroy();
}

/** All hub → device commands, for every charger, on one subscription. */
const COMMANDS_TOPIC = topics.chargerCommands('+');

/**
 * Lighter chargers that speak the Watts Up MQTT contract instead of OCPP: the same charger machine,
 * reported as status and meter messages, through one gateway connection for the whole group. They
 * obey the hub's reserve / cancel / start / stop commands.
 */
export class MqttChargers {
  private client: MqttClient | null = null;
  private readonly chargers: Map<string, ChargerState>;
  private readonly randoms = new Map<string, Random>();
  private readonly lastMeterMs = new Map<Connector, number>();

  constructor(
    specs: readonly MqttChargerSpec[],
    private readonly connection: MqttConnection,
    private readonly environment: MqttChargersEnvironment,
  ) {
    for (const spec of specs)
      this.randoms.set(spec.identity, randomFor(environment.seed, spec.identity));
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

  /** Connects, subscribes to the commands, and reports every connector once. */
  async start(): Promise<void> {
    const client = await mqtt.connectAsync(this.connection.url, {
      clientId: `wattsup-simulator-${randomUUID()}`,
      username: this.connection.username,
      password: this.connection.password,
      reconnectPeriod: 2_000,
    });
    this.client = client;
    client.on('error', (error) => {
      this.environment.stats.errors++;
      this.environment.log(`MQTT: ${error.message}`);
    });
    client.on('connect', () => (this.environment.stats.reconnects += 1));
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    await client.subscribeAsync(COMMANDS_TOPIC, { qos: 1 });
    this.environment.stats.connected += this.chargers.size;
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

  async stop(): Promise<void> {
    if (!this.client) return;
    this.environment.stats.connected -= this.chargers.size;
    await endMqtt(this.client);
    this.client = null;
  }

  tick(dtS: number, nowMs: number): void {
    const rates = this.environment.rates();
    for (const charger of this.chargers.values()) {
      const random = this.randomOf(charger.identity);
      this.report(charger, advanceCharger(charger, dtS, nowMs, random, rates));
      this.sampleMeters(charger, nowMs);
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
    await this.publish(topics.connectorStatus(identity, effect.connectorId), message);
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
      void this.publish(topics.connectorMeter(charger.identity, connector.id), message);
    }
  }

  private async publish(topic: string, message: object): Promise<void> {
    if (!this.client) return;
    try {
      await this.client.publishAsync(topic, JSON.stringify(message), { qos: 1 });
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
