import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: wattsup-simulator [options]

Plays virtual chargers that publish their connector status over MQTT, then prints a JSON summary.

Options:
  --broker URL            MQTT broker (mqtt://, mqtts://, ws://, wss://)  [mqtt://localhost:1883]
  --broker-user NAME      MQTT username: a gateway account (BROKER_GATEWAY_USERS on the broker)
  --broker-password PASS  MQTT password (or set SIM_BROKER_PASSWORD, which stays out of ps)
  --hub URL               hub base URL, for the OCPP and vehicle simulation to come [http://localhost:3000]
  --seed N                seed of the random generator: same seed, same run  [1]
  --chargers N            number of virtual chargers  [10]
  --duration SECONDS      how long to run  [10]
  --help                  show this help
`;

const count = (name: string, max: number) =>
  z.coerce
    .number({ error: `${name} expects a number` })
    .int(`${name} expects a whole number`)
    .min(1, `${name} must be at least 1`)
    .max(max, `${name} must be at most ${max}`);

const optionsSchema = z
  .object({
    broker: z
      .url({
        protocol: /^(mqtts?|wss?)$/,
        error: '--broker expects an mqtt://, mqtts://, ws:// or wss:// URL',
      })
      .default('mqtt://localhost:1883'),
    brokerUser: z.string().min(1).optional(),
    brokerPassword: z.string().min(1).optional(),
    hub: z
      .url({ protocol: /^https?$/, error: '--hub expects an http:// or https:// URL' })
      .default('http://localhost:3000'),
    seed: z.coerce
      .number({ error: '--seed expects a number' })
      .int('--seed expects a whole number')
      .min(0, '--seed must be 0 or more')
      .max(0xffff_ffff, '--seed must fit in 32 bits')
      .default(1),
    chargers: count('--chargers', 100_000).default(10),
    duration: z.coerce
      .number({ error: '--duration expects a number of seconds' })
      .positive('--duration must be positive')
      .max(86_400, '--duration must be at most a day (86400)')
      .default(10),
  })
  .refine(
    (options) => (options.brokerUser === undefined) === (options.brokerPassword === undefined),
    {
      error: '--broker-user and --broker-password go together',
    },
  );

export type SimulatorOptions = z.output<typeof optionsSchema>;

export type ParsedCommandLine = { help: true } | { help: false; options: SimulatorOptions };

export class UsageError extends Error {}

/** Reads the command line; throws UsageError with a message for the person who typed it. */
export function parseCommandLine(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ParsedCommandLine {
  const { values } = parseCommandLineValues(args);
  if (values.help) return { help: true };
  const result = optionsSchema.safeParse({
    broker: values.broker,
    brokerUser: values['broker-user'],
    brokerPassword: values['broker-password'] ?? env.SIM_BROKER_PASSWORD,
    hub: values.hub,
    seed: values.seed,
    chargers: values.chargers,
    duration: values.duration,
  });
  if (!result.success)
    throw new UsageError(result.error.issues.map((issue) => issue.message).join('\n'));
  return { help: false, options: result.data };
}

function parseCommandLineValues(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        broker: { type: 'string' },
        'broker-user': { type: 'string' },
        'broker-password': { type: 'string' },
        hub: { type: 'string' },
        seed: { type: 'string' },
        chargers: { type: 'string' },
        duration: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // node:util reports unknown options and missing values as TypeError with a readable message.
    throw new UsageError((error as Error).message);
  }
}
