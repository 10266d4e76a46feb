import { setTimeout as sleep } from 'node:timers/promises';
import type { OcppProtocol, Random } from '@wattsup/contracts';
import { RPCClient } from 'ocpp-rpc';
import type { FleetStats } from '../stats';
import { type Backoff, DEFAULT_BACKOFF, reconnectDelayMs } from './backoff';
import {
  type ChargerState,
  type ConnectorSpec,
  advanceCharger,
  isIdle,
  newCharger,
  occupy,
  shutDown,
} from '../charger/charger.machine';
import { configuredSeconds } from '../charger/configuration';
import {
  type ConnectorEffect,
  type ConnectorRates,
  type ArrivingCar,
  FAULT_CODES,
  fault,
  plugIn,
  repair,
} from '../charger/connector.machine';
import type { Answer, BootReason, OcppCall, OcppDialect } from './dialect';
import { ocpp16 } from './ocpp16.dialect';
import { ocpp201 } from './ocpp201.dialect';

const DIALECTS: Record<OcppProtocol, OcppDialect> = { 'ocpp1.6': ocpp16, 'ocpp2.0.1': ocpp201 };
const STOP_GRACE_MS = 2_000;

export interface OcppChargerSpec {
  readonly identity: string;
  readonly password: string;
  readonly protocol: OcppProtocol;
  readonly connectors: readonly ConnectorSpec[];
}

export interface OcppChargerEnvironment {
  /** The hub's base URL, http(s)://…; OCPP is at /ocpp/{identity} on the same port. */
  readonly hubUrl: string;
  readonly random: Random;
  /** Read at every tick, so a scenario can change them for the whole fleet. */
  readonly rates: () => ConnectorRates;
  readonly stats: FleetStats;
  readonly log: (message: string) => void;
  readonly backoff?: Backoff;
  readonly callTimeoutMs?: number;
  /** Share of connectors a driver takes as soon as the charger is first up. */
  readonly initialOccupancy?: number;
  /** Real milliseconds a reboot takes (reset, power back). */
  readonly rebootMs?: { min: number; max: number };
}

/** Where the charger is in its life: `dark` is powered off or pretending its network is gone. */
type Link = 'offline' | 'connecting' | 'booting' | 'online' | 'dark' | 'stopped';

/**
 * A simulated OCPP charger on a real socket: ocpp-rpc's client in strict mode, so every frame it
 * sends or receives is checked against the official schemas. The charger machine decides; this
 * class connects, boots, beats, reports and reconnects with back-off.
 */
export class OcppCharger {
  readonly state: ChargerState;
  private readonly dialect: OcppDialect;
  private client: RPCClient | null = null;
  private link: Link = 'offline';
  /** Effects waiting to be reported, in order; transaction messages survive a lost connection. */
  private readonly outbox: ConnectorEffect[] = [];
  private flushing = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private heartbeatEveryS = 0;
  private readonly lastMeterMs = new Map<number, number>();
  /** Wakes the connect loop early (a scenario's "reconnect now"). */
  private wake: AbortController = new AbortController();
  /** Bumped by whatever takes the link down, so that an older connect loop gives up. */
  private generation = 0;
  /** Set from a reboot until BootNotification is accepted, across lost connections. */
  private bootPending: BootReason | null = null;
  private firstBoot = true;

  constructor(
    readonly spec: OcppChargerSpec,
    private readonly environment: OcppChargerEnvironment,
  ) {
    this.dialect = DIALECTS[spec.protocol];
    this.state = newCharger(spec.identity, spec.connectors, environment.random);
  }

  get identity(): string {
    return this.spec.identity;
  }

  get online(): boolean {
    return this.link === 'online';
  }

  /** Connects and boots; resolves once booted or when it gave up because it was stopped. */
  start(): Promise<void> {
    return this.connect('PowerUp');
  }

  async stop(): Promise<void> {
    this.setLink('stopped');
    this.stopHeartbeat();
    this.wake.abort();
    const client = this.client;
    this.client = null;
    if (!client) return;
    // A socket gone quiet never answers the close handshake: give it a moment, then cut it.
    const closed = client
      .close({ code: 1001, reason: 'Simulator stopping' })
      .catch(() => undefined);
    await Promise.race([closed, sleep(STOP_GRACE_MS)]);
    await client.close({ force: true }).catch(() => undefined);
  }

  /** Moves the simulated world dtS seconds on; `nowMs` is the wall clock. */
  tick(dtS: number, nowMs: number): void {
    if (this.link === 'stopped') return;
    const open = this.link !== 'dark';
    this.enqueue(
      advanceCharger(
        this.state,
        dtS,
        nowMs,
        this.environment.random,
        this.environment.rates(),
        open,
      ),
    );
    if (this.state.resetWhenIdle && isIdle(this.state) && this.link === 'online') {
      this.state.resetWhenIdle = false;
      void this.reboot('RemoteReset', []);
    }
    if (this.link !== 'online') return;
    this.sampleMeters(nowMs);
    // A HeartbeatInterval changed by ChangeConfiguration takes effect at once.
    if (configuredSeconds(this.state.configuration, 'HeartbeatInterval') !== this.heartbeatEveryS) {
      this.startHeartbeat();
    }
  }

  /** A simulated vehicle plugs in; false when the connector would not take it. */
  plugIn(connectorId: number, car: ArrivingCar): boolean {
    const connector = this.state.connectors.find((c) => c.id === connectorId);
    if (!connector) return false;
    this.enqueue(plugIn(connector, car, this.environment.random, Date.now()));
    return connector.car?.visit === car.visit;
  }

  /** Scenario: a fault on one connector (or a random one). */
  breakConnector(nowMs: number, connectorId?: number): void {
    const { random } = this.environment;
    const connector =
      this.state.connectors.find((c) => c.id === connectorId) ?? random.pick(this.state.connectors);
    this.enqueue(fault(connector, random.pick(FAULT_CODES), random, nowMs));
  }

  repairAll(nowMs: number): void {
    this.enqueue(this.state.connectors.flatMap((connector) => repair(connector, nowMs)));
  }

  /**
   * The network goes away. `silent`: the socket stays open but nothing more is read or written,
   * as behind a dead NAT, so the hub must notice by itself; otherwise the TCP connection is cut
   * without a WebSocket close frame. The charger reconnects after `forMs`, or when it notices.
   */
  loseConnection(silent: boolean, forMs: number): void {
    if (this.link !== 'online') return;
    const client = this.client;
    this.goDark();
    if (silent) {
      // ocpp-rpc keeps its socket to itself; a charger whose network died stops reading it.
      (client as unknown as { _ws?: { _socket?: { pause(): void } } })._ws?._socket?.pause();
    }
    void (async () => {
      if (!silent) await client?.close({ force: true });
      await this.sleepUnlessWoken(forMs);
      if (this.link !== 'dark') return;
      if (silent) await client?.close({ force: true });
      await this.connect(null);
    })();
  }

  /** Scenario: power cut for `forMs`; transactions end with PowerLoss, reported after the reboot. */
  powerCut(forMs: number, nowMs: number): void {
    if (this.link === 'stopped') return;
    this.enqueue(shutDown(this.state, 'PowerLoss', this.environment.random, nowMs));
    const client = this.client;
    this.goDark();
    void (async () => {
      await client?.close({ force: true });
      await this.sleepUnlessWoken(forMs);
      if (this.link === 'dark') await this.connect('PowerUp');
    })();
  }

  /** Scenario: drop the connection and come back at once, like every charger after a hub restart. */
  reconnectNow(): void {
    if (this.link === 'online') {
      const client = this.client;
      this.setLink('offline');
      this.stopHeartbeat();
      void client?.close({ force: true }).then(() => this.connect(null));
    } else {
      this.wake.abort();
    }
  }

  private goDark(): void {
    this.generation++;
    this.setLink('dark');
    this.stopHeartbeat();
  }

  private async sleepUnlessWoken(ms: number): Promise<void> {
    this.wake = new AbortController();
    await sleep(ms, undefined, { signal: this.wake.signal }).catch(() => undefined);
  }

  private setLink(link: Link): void {
    if (this.link === 'stopped') return;
    if (this.link === 'online' && link !== 'online') this.environment.stats.connected--;
    if (link === 'online' && this.link !== 'online') this.environment.stats.connected++;
    this.link = link;
  }

  /** Connect (with back-off and jitter), then boot when `bootReason` says the charger rebooted. */
  private async connect(bootReason: BootReason | null): Promise<void> {
    const { environment } = this;
    this.bootPending = bootReason ?? this.bootPending;
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.link !== 'stopped';
    for (let attempt = 0; current(); attempt++) {
      this.setLink('connecting');
      const client = this.newClient();
      try {
        await client.connect();
        if (!current()) {
          await client.close({ force: true });
          return;
        }
        this.client = client;
        break;
      } catch (error) {
        environment.stats.errors++;
        if (attempt === 0) environment.log(`${this.identity}: cannot connect: ${message(error)}`);
        const backoff = environment.backoff ?? DEFAULT_BACKOFF;
        await this.sleepUnlessWoken(reconnectDelayMs(attempt, environment.random, backoff));
      }
    }
    if (!current() || !this.client) return;
    if (this.bootPending === null) environment.stats.reconnects++;
    const client = this.client;
    client.once('close', () => this.onClosed(client));
    this.setLink('booting');
    if (this.bootPending !== null) {
      if (!(await this.boot(this.bootPending))) {
        // No answer to the boot: drop the socket; onClosed tries again.
        await client.close({ force: true });
        return;
      }
      this.bootPending = null;
    }
    this.setLink('online');
    // After a boot or a reconnect the hub has no reliable picture: every connector reports again.
    for (const call of this.dialect.statusReport(this.state, Date.now())) await this.send(call);
    if (this.firstBoot) {
      this.firstBoot = false;
      const { initialOccupancy = 0, random } = environment;
      this.enqueue(occupy(this.state, initialOccupancy, random, Date.now()));
    }
    this.startHeartbeat();
    void this.flush();
  }

  /** BootNotification until Accepted (OCPP 1.6 §4.2: Pending/Rejected retry after `interval`). */
  private async boot(reason: BootReason): Promise<boolean> {
    const call = this.dialect.bootNotification(this.state, reason);
    while (this.client && this.link === 'booting') {
      const response = await this.send(call);
      if (!response) return false;
      const { status, interval } = response as { status: string; interval: number };
      if (interval > 0) this.state.configuration.set('HeartbeatInterval', String(interval));
      if (status === 'Accepted') return true;
      await this.sleepUnlessWoken(Math.max(interval, 5) * 1000);
    }
    return false;
  }

  private onClosed(client: RPCClient): void {
    if (client !== this.client) return;
    this.client = null;
    this.stopHeartbeat();
    if (this.link === 'online' || this.link === 'booting') {
      // Closed by the hub or lost: try again after a jittered pause, then slower and slower, so
      // that a fleet dropped at once by a hub restart does not come back in one wave.
      this.setLink('offline');
      const generation = this.generation;
      const { random, backoff = DEFAULT_BACKOFF } = this.environment;
      void this.sleepUnlessWoken(reconnectDelayMs(0, random, backoff)).then(() => {
        if (generation === this.generation && this.link === 'offline') return this.connect(null);
      });
    }
  }

  private newClient(): RPCClient {
    const client = new RPCClient({
      endpoint: `${this.environment.hubUrl.replace(/^http/, 'ws')}/ocpp`,
      identity: this.spec.identity,
      password: this.spec.password,
      protocols: [this.spec.protocol],
      strictMode: true,
      reconnect: false,
      callTimeoutMs: this.environment.callTimeoutMs ?? 30_000,
      // The hub pings (and the heartbeat says the rest): a charger whose network is gone must not
      // keep the socket warm with pings of its own.
      pingIntervalMs: 0,
      // ocpp-rpc's typings mark every option required; the library defaults the rest.
    } as ConstructorParameters<typeof RPCClient>[0]);
    for (const [action, handler] of Object.entries(this.dialect.commands)) {
      client.handle(action, async ({ params }) => {
        this.environment.stats.commands++;
        const answer = handler(
          { charger: this.state, random: this.environment.random, nowMs: Date.now() },
          params ?? {},
        );
        this.afterAnswer(answer);
        return answer.response;
      });
    }
    return client;
  }

  /** What a command set in motion happens once its answer is on the wire. */
  private afterAnswer(answer: Answer): void {
    const { followUp } = answer;
    if (followUp.kind === 'reboot') {
      setImmediate(() => void this.reboot(followUp.reason, answer.effects));
      return;
    }
    this.enqueue(answer.effects);
    if (followUp.kind === 'send') {
      setImmediate(() => void this.sendAll(followUp.calls));
    }
  }

  /** Reports the transactions a reset ended, closes, stays down a few seconds, boots again. */
  private async reboot(reason: BootReason, effects: ConnectorEffect[]): Promise<void> {
    this.enqueue(effects);
    await this.flush();
    const client = this.client;
    this.goDark();
    await client?.close({ code: 1012, reason: 'Rebooting' }).catch(() => undefined);
    const { min, max } = this.environment.rebootMs ?? { min: 2_000, max: 8_000 };
    await this.sleepUnlessWoken(this.environment.random.between(min, max));
    if (this.link === 'dark') await this.connect(reason);
  }

  private enqueue(effects: readonly ConnectorEffect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'transactionStarted') this.environment.stats.transactionsStarted++;
      if (effect.kind === 'transactionEnded') this.environment.stats.transactionsEnded++;
      if (effect.kind === 'status' && effect.phase === 'Faulted') this.environment.stats.faults++;
      // A status is stale once the connection is gone: the next connection reports every connector.
      if (effect.kind === 'status' && this.link !== 'online') continue;
      this.outbox.push(effect);
    }
    if (this.link === 'online') void this.flush();
  }

  /** Sends the outbox in order; a transaction message that fails stays first until it gets through. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && this.link === 'online') {
        const effect = this.outbox[0];
        const calls = this.dialect.report(effect);
        let delivered = true;
        for (const call of calls) {
          const response = await this.sendTransactionMessage(call, effect.kind !== 'status');
          if (response === null) delivered = false;
          else this.dialect.acknowledge(effect, response);
        }
        if (!delivered && effect.kind !== 'status' && this.link !== 'online') break;
        this.outbox.shift();
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Transaction messages the hub refused are tried again, TransactionMessageAttempts times at
   * TransactionMessageRetryInterval × attempt seconds (OCPP 1.6 Core configuration keys); other
   * calls once.
   */
  private async sendTransactionMessage(call: OcppCall, transactional: boolean): Promise<unknown> {
    const { configuration } = this.state;
    const attempts = transactional
      ? configuredSeconds(configuration, 'TransactionMessageAttempts')
      : 1;
    const intervalS = configuredSeconds(configuration, 'TransactionMessageRetryInterval');
    for (let attempt = 1; ; attempt++) {
      const response = await this.send(call);
      if (response !== null || attempt >= attempts || this.link !== 'online') return response;
      await sleep(intervalS * attempt * 1000);
    }
  }

  private async sendAll(calls: readonly OcppCall[]): Promise<void> {
    for (const call of calls) await this.send(call);
  }

  /** One call; null when it failed (counted, and logged the first time per charger and action). */
  private async send(call: OcppCall): Promise<unknown> {
    const client = this.client;
    if (!client) return null;
    try {
      const response = await client.call(call.action, call.params);
      this.environment.stats.sent++;
      return response ?? {};
    } catch (error) {
      this.environment.stats.errors++;
      if (this.link === 'online' || this.link === 'booting') {
        this.environment.log(`${this.identity}: ${call.action} failed: ${message(error)}`);
      }
      return null;
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatEveryS = configuredSeconds(this.state.configuration, 'HeartbeatInterval');
    this.heartbeat = setInterval(
      () => void this.send({ action: 'Heartbeat', params: {} }),
      Math.max(1, this.heartbeatEveryS) * 1000,
    );
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** MeterValues every MeterValueSampleInterval (real) seconds while a transaction runs. */
  private sampleMeters(nowMs: number): void {
    const everyMs = configuredSeconds(this.state.configuration, 'MeterValueSampleInterval') * 1000;
    if (everyMs <= 0) return;
    for (const connector of this.state.connectors) {
      if (!connector.transaction) {
        this.lastMeterMs.delete(connector.id);
        continue;
      }
      const last = this.lastMeterMs.get(connector.id) ?? nowMs;
      this.lastMeterMs.set(connector.id, last);
      if (nowMs - last < everyMs) continue;
      this.lastMeterMs.set(connector.id, nowMs);
      const call = this.dialect.meterValues(connector, nowMs);
      if (call) void this.send(call);
    }
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
