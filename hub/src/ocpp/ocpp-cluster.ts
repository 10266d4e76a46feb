import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { TimeoutError } from './ocpp-rpc';
import { RedisConnection } from '../redis/redis.module';

type ClusterMessage =
  | {
      type: 'call';
      requestId: string;
      from: string;
      chargerId: string;
      action: string;
      params: unknown;
      timeoutMs: number;
    }
  | { type: 'result'; requestId: string; ok: true; response: unknown }
  | {
      type: 'result';
      requestId: string;
      ok: false;
      error: { name: string; message: string; code?: string };
    }
  | { type: 'release'; chargerId: string };

export interface RemoteCallError {
  name: string;
  message: string;
  code?: string;
}

/** Atomically swaps the owner of a charger and returns the previous one. */
const CLAIM = `local previous = redis.call('HGET', KEYS[1], ARGV[1]) redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return previous`;
/** Deletes the owner entry only if it is still ours (a newer connection elsewhere may own it). */
const RELEASE = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) else return 0 end`;

/**
 * Several hub instances share the chargers: Redis records which instance holds each charger's
 * socket, and a pub/sub channel per instance carries commands to it and answers back.
 */
@Injectable()
export class OcppCluster implements OnModuleInit, OnApplicationShutdown {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger(OcppCluster.name);
  private subscriber!: Redis;
  private aliveTimer?: NodeJS.Timeout;
  private readonly pending = new Map<
    string,
    {
      resolve: (value: unknown) => void;
      reject: (error: RemoteCallError) => void;
      timer: NodeJS.Timeout;
    }
  >();
  /** Runs a call on a local charger; set by the session registry. */
  localCall: (
    chargerId: string,
    action: string,
    params: unknown,
    timeoutMs: number,
  ) => Promise<unknown> = () => Promise.reject(new Error('no local call handler'));
  /** Whether this instance holds the charger's socket; set by the session registry. */
  holdsLocally: (chargerId: string) => boolean = () => false;
  /** Drops a local socket that another instance now owns; set by the session registry. */
  localRelease: (chargerId: string) => void = () => undefined;

  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get ownersKey(): string {
    return `${this.config.REDIS_KEY_PREFIX}ocpp:owners`;
  }

  private aliveKey(instanceId: string): string {
    return `${this.config.REDIS_KEY_PREFIX}ocpp:alive:${instanceId}`;
  }

  private channel(instanceId: string): string {
    return `${this.config.REDIS_KEY_PREFIX}ocpp:instance:${instanceId}`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.subscriber();
    this.subscriber.on('message', (_channel: string, raw: string) => void this.onMessage(raw));
    await this.subscriber.subscribe(this.channel(this.instanceId));
    await this.markAlive();
    this.aliveTimer = setInterval(
      () => void this.markAlive(),
      (this.config.OCPP_INSTANCE_TTL_SECONDS * 1000) / 3,
    );
    this.aliveTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.aliveTimer);
    await this.redis.client.del(this.aliveKey(this.instanceId)).catch(() => undefined);
    this.subscriber.disconnect();
  }

  private async markAlive(): Promise<void> {
    await this.redis.client
      .set(this.aliveKey(this.instanceId), '1', 'EX', this.config.OCPP_INSTANCE_TTL_SECONDS)
      .catch((error: Error) => {
        this.logger.warn(`cannot mark instance alive: ${error.message}`);
      });
  }

  /** Records this instance as the charger's owner; tells a previous owner to let go. */
  async claim(chargerId: string): Promise<void> {
    const previous = (await this.redis.client.eval(
      CLAIM,
      1,
      this.ownersKey,
      chargerId,
      this.instanceId,
    )) as string | null;
    if (previous && previous !== this.instanceId) {
      await this.publish(previous, { type: 'release', chargerId });
    }
  }

  /** Gives the charger up; false when another instance had already claimed it. */
  async release(chargerId: string): Promise<boolean> {
    return (
      (await this.redis.client.eval(RELEASE, 1, this.ownersKey, chargerId, this.instanceId)) === 1
    );
  }

  /** The instance holding the charger's socket, if that instance is alive. */
  async liveOwner(chargerId: string): Promise<string | null> {
    const owner = await this.redis.client.hget(this.ownersKey, chargerId);
    if (!owner) return null;
    return (await this.redis.client.exists(this.aliveKey(owner))) ? owner : null;
  }

  /** Calls the charger through whichever instance holds it; rejects with a RemoteCallError. */
  async call(
    chargerId: string,
    action: string,
    params: unknown,
    timeoutMs: number,
  ): Promise<unknown> {
    // A socket held here is authoritative: another instance taking the charger releases it first.
    if (this.holdsLocally(chargerId)) return this.runLocally(chargerId, action, params, timeoutMs);
    const owner = await this.liveOwner(chargerId);
    if (!owner)
      throw {
        name: 'ChargerOffline',
        message: 'The charger is not connected.',
      } satisfies RemoteCallError;
    if (owner === this.instanceId) return this.runLocally(chargerId, action, params, timeoutMs);
    const requestId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject({ name: 'TimeoutError', message: 'The charger did not answer in time.' });
      }, timeoutMs + 2000);
      this.pending.set(requestId, { resolve, reject, timer });
      this.publish(owner, {
        type: 'call',
        requestId,
        from: this.instanceId,
        chargerId,
        action,
        params,
        timeoutMs,
      }).catch((error: Error) => {
        clearTimeout(timer);
        this.pending.delete(requestId);
        reject({ name: 'ClusterError', message: error.message });
      });
    });
  }

  private async runLocally(
    chargerId: string,
    action: string,
    params: unknown,
    timeoutMs: number,
  ): Promise<unknown> {
    try {
      return await this.localCall(chargerId, action, params, timeoutMs);
    } catch (error) {
      throw toRemoteError(error);
    }
  }

  private async onMessage(raw: string): Promise<void> {
    let message: ClusterMessage;
    try {
      message = JSON.parse(raw) as ClusterMessage;
    } catch {
      return;
    }
    if (message.type === 'release') {
      this.localRelease(message.chargerId);
    } else if (message.type === 'call') {
      const reply: ClusterMessage = await this.runLocally(
        message.chargerId,
        message.action,
        message.params,
        message.timeoutMs,
      ).then(
        (response) => ({ type: 'result', requestId: message.requestId, ok: true, response }),
        (error: RemoteCallError) => ({
          type: 'result',
          requestId: message.requestId,
          ok: false,
          error,
        }),
      );
      await this.publish(message.from, reply);
    } else {
      const waiting = this.pending.get(message.requestId);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.pending.delete(message.requestId);
      if (message.ok) waiting.resolve(message.response);
      else waiting.reject(message.error);
    }
  }

  private async publish(instanceId: string, message: ClusterMessage): Promise<void> {
    await this.redis.client.publish(this.channel(instanceId), JSON.stringify(message));
  }
}

function toRemoteError(error: unknown): RemoteCallError {
  if (error instanceof TimeoutError) return { name: 'TimeoutError', message: error.message };
  if (typeof error === 'object' && error !== null && 'name' in error && 'message' in error) {
    const { name, message } = error as { name: string; message: string };
    const code = (error as { rpcErrorCode?: string }).rpcErrorCode;
    return { name, message, ...(code ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}
