import { z } from 'zod';

const port = z.coerce.number({ error: 'expected a port number, 0-65535' }).int().min(0).max(65535);

/** `user:password,user2:password2`; a password may contain `:` but not `,`. */
const accountList = z
  .string({ error: 'is required: user:password pairs separated by commas' })
  .transform((raw, context) => {
    const accounts = new Map<string, string>();
    const entries = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    for (const [index, entry] of entries.entries()) {
      const separator = entry.indexOf(':');
      const password = entry.slice(separator + 1);
      if (separator <= 0 || password.length === 0) {
        // The entry is not echoed: it may hold a password.
        context.addIssue({ code: 'custom', message: `entry ${index + 1} is not user:password` });
        return z.NEVER;
      }
      accounts.set(entry.slice(0, separator), password);
    }
    return accounts;
  });

const usernameList = z
  .string()
  .default('')
  .transform((raw) =>
    raw
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );

/** Every variable the broker reads, parsed once at boot. */
export const brokerConfigSchema = z
  .object({
    MQTT_HOST: z.string().min(1).default('0.0.0.0'),
    MQTT_PORT: port.default(1883),
    MQTT_WS_PORT: z.preprocess((raw) => (raw === '' ? undefined : raw), port.optional()),
    BROKER_USERS: accountList,
    BROKER_HUB_USER: z.string().min(1).default('hub'),
    BROKER_GATEWAY_USERS: usernameList,
    BROKER_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1).max(268_435_455).default(65_536),
    /** The hub's device check, e.g. `http://hub:3000/api/v1/internal/mqtt/authenticate`. */
    BROKER_AUTH_URL: z.preprocess(
      (raw) => (raw === '' ? undefined : raw),
      z.url({ protocol: /^https?$/ }).optional(),
    ),
    /** The hub's MQTT_AUTH_TOKEN. */
    BROKER_AUTH_TOKEN: z.string().optional(),
    BROKER_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
    BROKER_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(100_000),
    /** Each device (not the hub or a gateway) is slowed to this rate, with this burst. */
    BROKER_DEVICE_MESSAGES_PER_SECOND: z.coerce.number().positive().default(20),
    BROKER_DEVICE_BURST: z.coerce.number().int().min(1).default(1000),
    /** Prometheus `/metrics` over HTTP, when set. */
    BROKER_METRICS_PORT: z.preprocess((raw) => (raw === '' ? undefined : raw), port.optional()),
    /** Sessions and messages shared through Redis, so several broker processes act as one. */
    BROKER_REDIS_URL: z.preprocess(
      (raw) => (raw === '' ? undefined : raw),
      z.url({ protocol: /^rediss?$/ }).optional(),
    ),
  })
  .superRefine((config, context) => {
    if (config.BROKER_AUTH_URL && !config.BROKER_AUTH_TOKEN) {
      context.addIssue({
        code: 'custom',
        path: ['BROKER_AUTH_TOKEN'],
        message: 'is required with BROKER_AUTH_URL: the hub MQTT_AUTH_TOKEN',
      });
    }
    const required = [config.BROKER_HUB_USER, ...config.BROKER_GATEWAY_USERS];
    for (const username of required.filter((name) => !config.BROKER_USERS.has(name))) {
      context.addIssue({
        code: 'custom',
        path: ['BROKER_USERS'],
        message: `has no password for "${username}" (named by BROKER_HUB_USER or BROKER_GATEWAY_USERS)`,
      });
    }
  });

export type BrokerConfig = z.output<typeof brokerConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; the error names each bad variable and what it expected. */
export function parseConfig(env: NodeJS.ProcessEnv): BrokerConfig {
  const result = brokerConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
