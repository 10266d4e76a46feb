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
  })
  .superRefine((config, context) => {
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
