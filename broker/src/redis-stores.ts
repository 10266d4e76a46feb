import createPersistence from 'aedes-persistence-redis';
import Redis from 'ioredis';
import createEmitter from 'mqemitter-redis';

/** What aedes takes to share its state; see AedesOptions.persistence and .mq. */
export interface SharedStores {
  readonly persistence: ReturnType<typeof createPersistence>;
  readonly mq: ReturnType<typeof createEmitter>;
  /** Ends the persistence's connection; the emitter's end with the broker. */
  close(): Promise<void>;
}

/**
 * aedes' own Redis stores, for several broker processes behind one address: sessions,
 * subscriptions, QoS 1 queues, retained messages and wills live in Redis (aedes-persistence-redis),
 * and every publish reaches the subscribers of every process over Redis pub/sub (mqemitter-redis).
 */
export function redisStores(url: string): SharedStores {
  const persistence = createPersistence({ conn: new Redis(url) });
  return {
    persistence,
    mq: createEmitter({ connectionString: url }),
    close: () => persistence.destroy(),
  };
}
