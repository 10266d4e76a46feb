import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Every variable the hub reads, parsed once at boot. README's configuration table mirrors it. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HTTP_PORT: port.default(3000),
  HTTP_HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/wattsup'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]*$/)
    .default('wattsup:'),
  MQTT_URL: z.url({ protocol: /^(mqtts?|wss?)$/ }).optional(),
  /** Hub instances sharing this group split the device messages (`$share/<group>/…`); empty: off. */
  MQTT_SHARED_GROUP: z
    .string()
    .regex(/^[\w.-]*$/, 'must be letters, digits, _ . or - (no / + #)')
    .default('wattsup-hub'),
  /** Bearer token the broker presents to check device credentials; unset: that endpoint is off. */
  MQTT_AUTH_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /**
   * QoS of the hub's own subscriptions. 0 by default: with clean sessions QoS 1 adds no redelivery
   * between broker and hub, only the broker's flow control, which on a default Mosquitto drops
   * every QoS 1 message past 1,000 queued for a subscriber.
   */
  MQTT_SUBSCRIPTION_QOS: z
    .enum(['0', '1'], { error: 'must be 0 or 1' })
    .default('0')
    .transform((qos) => Number(qos) as 0 | 1),
  /** Device messages accepted but not yet written; when full the hub stops reading from the broker. */
  MQTT_INGEST_QUEUE_MAX: z.coerce.number().int().min(100).default(50000),
  /** A message stamped further ahead of the hub's clock than this is refused. */
  MQTT_MAX_CLOCK_AHEAD_SECONDS: z.coerce.number().int().min(0).default(300),
  TELEMETRY_BATCH_SIZE: z.coerce.number().int().min(1).max(20000).default(2000),
  /** Telemetry batches written at once (database connections used by telemetry). */
  TELEMETRY_WRITERS: z.coerce.number().int().min(1).max(8).default(2),
  /** Longest a telemetry sample waits for its batch to fill. */
  TELEMETRY_FLUSH_MS: z.coerce.number().int().min(1).max(10000).default(50),
  /** Telemetry older than this is deleted (and refused on arrival); 0 keeps it forever. */
  TELEMETRY_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  /** A free status no connected charger backs becomes UNKNOWN after this long (0: never). */
  STATUS_UNCONFIRMED_MINUTES: z.coerce.number().int().min(0).default(30),
  JWT_SECRET: z
    .string({ error: 'is required: a random secret of at least 32 characters' })
    .min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 86400),
  COOKIE_SECURE: flag.default(false),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((raw) =>
      raw
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  TRUST_PROXY: flag.default(false),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  AUTH_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  WEB_DIST_DIR: z.string().optional(),
  OCPP_AUTO_REGISTER: flag.default(false),
  OCPP_HEARTBEAT_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86400).default(300),
  OCPP_OFFLINE_GRACE_SECONDS: z.coerce.number().int().min(1).default(30),
  OCPP_LIVENESS_CHECK_SECONDS: z.coerce.number().min(0.1).default(5),
  OCPP_INSTANCE_TTL_SECONDS: z.coerce.number().int().min(2).default(30),
  OCPP_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000),
  OCPP_MAX_FRAME_BYTES: z.coerce.number().int().min(1024).default(65536),
  OCPP_FRAME_LOG_SIZE: z.coerce.number().int().min(0).default(300),
  OCPP_FRAME_LOG_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 86400),
  OCPP_TLS_PORT: port.optional(),
  OCPP_TLS_CERT_FILE: z.string().optional(),
  OCPP_TLS_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IMPORT_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(256 * 1024 * 1024),
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(100).max(50000).default(5000),
  /** Where uploaded files wait for their import job; it must be shared by every hub instance. */
  IMPORT_UPLOAD_DIR: z.string().default(join(tmpdir(), 'wattsup-imports')),
  /**
   * A /live client hears of one terminal at most once per window: the first change goes out at
   * once, later ones within the window as one frame at its end (0: every change).
   */
  LIVE_COALESCE_MS: z.coerce.number().int().min(0).max(10000).default(20),
  /** A /live socket with more unsent bytes than this is dropped rather than slowing the others. */
  LIVE_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .default(1024 * 1024),
  LIVE_SNAPSHOT_MAX_STATIONS: z.coerce.number().int().min(1).max(50000).default(5000),
  TILE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).default(20000),
  TILE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Station tiles up to this zoom are clusters; above it, one point per station. */
  TILE_CLUSTER_MAX_ZOOM: z.coerce.number().int().min(0).max(22).default(10),
  /** How long a reservation holds its terminal before charging must start. */
  RESERVATION_HOLD_SECONDS: z.coerce.number().int().min(1).max(86400).default(1800),
  /**
   * Operators (as in the IRVE `nom_operateur`) whose terminals without a live charger may be held
   * as soft holds shown on the map; `*` for all. Empty: only charger-enforced reservations.
   */
  RESERVATION_SOFT_HOLD_OPERATORS: z
    .string()
    .default('')
    .transform((raw): string[] | 'all' =>
      raw.trim() === '*'
        ? 'all'
        : raw
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean),
    ),
  /** How often each hub checks reservations against the timer queue and the terminals. */
  RESERVATION_RECONCILE_SECONDS: z.coerce.number().min(0.5).max(3600).default(30),
  /** How far to look for alternatives when a reserved terminal breaks. */
  RESERVATION_ALTERNATIVES_RADIUS_KM: z.coerce.number().positive().max(200).default(10),
  /** Clock times in messages to drivers ("until 14:32") are in this zone. */
  DISPLAY_TIME_ZONE: z
    .string()
    .default('Europe/Paris')
    .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', {
      message: 'must be an IANA time zone such as Europe/Paris',
    }),
});

export type AppConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; the error names each bad variable and what it expected. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
