// aedes-persistence-redis ships no types; this is the part the broker uses.
declare module 'aedes-persistence-redis' {
  import type { Redis } from 'ioredis';

  interface RedisPersistence {
    /** Without a callback: aedes' async setup never marks the callback wrapper ready. */
    destroy(): Promise<void>;
  }

  function createPersistence(options: { conn: Redis }): RedisPersistence;
  export default createPersistence;
}
