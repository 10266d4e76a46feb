import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AreaError, CITIES, parseArea } from './provisioning/areas';
import { ProtocolMixError, parseProtocolMix } from './provisioning/protocol-mix';

export const USAGE = `Usage: npm run sim -- [options]

Plays chargers (OCPP 1.6J, OCPP 2.0.1, MQTT) and connected cars against a Watts Up hub. OCPP
chargers are registered in the hub on free terminals of the area (admin account needed) and
reused on the next run. Ctrl+C stops cleanly; a summary line is printed every few seconds and a
JSON summary at the end.

Hub and broker:
  --hub URL               hub base URL  [http://localhost:3000]
  --admin-email EMAIL     hub admin, to register chargers (or SIM_ADMIN_EMAIL)
  --admin-password PASS   (or SIM_ADMIN_PASSWORD, which stays out of ps)
  --charger-secret TEXT   key of the chargers' passwords (or SIM_CHARGER_SECRET) [the admin password]
  --broker URL            MQTT broker, for the mqtt share and vehicles  [mqtt://localhost:1883]
  --broker-user NAME      MQTT gateway account (BROKER_GATEWAY_USERS on the broker)
  --broker-password PASS  (or SIM_BROKER_PASSWORD)

Fleet:
  --area AREA             france, a city (${Object.keys(CITIES).join(', ')})
                          or minLon,minLat,maxLon,maxLat  [toulouse]
  --chargers N            number of chargers  [10]
  --protocols MIX         shares, e.g. ocpp1.6=60,ocpp2.0.1=30,mqtt=10  [ocpp1.6=70,ocpp2.0.1=30]
  --vehicles N            connected cars driving around the area  [0]
  --drivers N             how many of them have a driver account and reserve  [all]
  --seed N                same seed, same fleet and same course of events  [1]
  --speed X               simulated seconds per real second  [1]
  --duration SECONDS      stop after this many real seconds  [until Ctrl+C]
  --scenario FILE         timed events (JSON, see simulator/scenarios/)

Rates, per simulated hour:
  --arrival-rate N        drivers plugging into a free connector  [0.6]
  --fault-rate N          faults per connector  [0.01]
  --repair-minutes N      mean time to repair  [40]
  --disconnect-rate N     lost connections per OCPP charger  [0.02]
  --occupancy SHARE       share of connectors in use when the run starts  [0.3]

  --summary SECONDS       live summary line period, 0 for none  [5]
  --metrics-port PORT     serve the counters at http://localhost:PORT/metrics (Prometheus)
  --workers N             worker processes  [one per 8,000 OCPP chargers]
  --help                  show this help
`;

const positive = (name: string, max: number) =>
  z.coerce
    .number({ error: `${name} expects a number` })
    .min(0, `${name} must be 0 or more`)
    .max(max, `${name} must be at most ${max}`);

const count = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} expects a number` })
    .int(`${name} expects a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const fromParser = <T>(parse: (value: string) => T, errorType: new (...args: never[]) => Error) =>
  z.string().transform((value, context): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof errorType)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });

const optionsSchema = z
  .object({
    hub: z
      .url({ protocol: /^https?$/, error: '--hub expects an http:// or https:// URL' })
      .default('http://localhost:3000'),
    adminEmail: z.email('--admin-email expects an email address').optional(),
    adminPassword: z.string().min(1).optional(),
    chargerSecret: z.string().min(8, '--charger-secret needs at least 8 characters').optional(),
    broker: z
      .url({
        protocol: /^(mqtts?|wss?)$/,
        error: '--broker expects an mqtt://, mqtts://, ws:// or wss:// URL',
      })
      .default('mqtt://localhost:1883'),
    brokerUser: z.string().min(1).optional(),
    brokerPassword: z.string().min(1).optional(),
    area: fromParser(parseArea, AreaError).default(parseArea('toulouse')),
    chargers: count('--chargers', 0, 100_000).default(10),
    protocols: fromParser(parseProtocolMix, ProtocolMixError).default(
      parseProtocolMix('ocpp1.6=70,ocpp2.0.1=30'),
    ),
    vehicles: count('--vehicles', 0, 100_000).default(0),
    drivers: count('--drivers', 0, 100_000).optional(),
    seed: count('--seed', 0, 0xffff_ffff).default(1),
    speed: z.coerce
      .number({ error: '--speed expects a number' })
      .positive('--speed must be positive')
      .max(3600, '--speed must be at most 3600')
      .default(1),
    duration: z.coerce
      .number({ error: '--duration expects a number of seconds' })
      .positive('--duration must be positive')
      .max(7 * 86_400, '--duration must be at most a week')
      .optional(),
    scenario: z.string().min(1).optional(),
    arrivalRate: positive('--arrival-rate', 1000).default(0.6),
    faultRate: positive('--fault-rate', 1000).default(0.01),
    repairMinutes: z.coerce
      .number({ error: '--repair-minutes expects a number' })
      .positive('--repair-minutes must be positive')
      .default(40),
    disconnectRate: positive('--disconnect-rate', 1000).default(0.02),
    occupancy: positive('--occupancy', 1).default(0.3),
    summary: positive('--summary', 3600).default(5),
    metricsPort: count('--metrics-port', 1, 65_535).optional(),
    workers: count('--workers', 1, 64).optional(),
  })
  .refine(
    (options) => (options.brokerUser === undefined) === (options.brokerPassword === undefined),
    { error: '--broker-user and --broker-password go together' },
  )
  .refine(
    (options) => (options.adminEmail === undefined) === (options.adminPassword === undefined),
    { error: '--admin-email and --admin-password go together' },
  )
  .refine(
    (options) =>
      options.adminEmail !== undefined ||
      options.chargers === 0 ||
      Object.entries(options.protocols).every(([protocol, share]) => protocol === 'mqtt' || !share),
    {
      error:
        'OCPP chargers must be registered in the hub: give --admin-email and --admin-password ' +
        '(or SIM_ADMIN_EMAIL / SIM_ADMIN_PASSWORD), or use --protocols mqtt',
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
    hub: values.hub,
    adminEmail: values['admin-email'] ?? env.SIM_ADMIN_EMAIL,
    adminPassword: values['admin-password'] ?? env.SIM_ADMIN_PASSWORD,
    chargerSecret: values['charger-secret'] ?? env.SIM_CHARGER_SECRET,
    broker: values.broker,
    brokerUser: values['broker-user'],
    brokerPassword: values['broker-password'] ?? env.SIM_BROKER_PASSWORD,
    area: values.area,
    chargers: values.chargers,
    protocols: values.protocols,
    vehicles: values.vehicles,
    drivers: values.drivers,
    seed: values.seed,
    speed: values.speed,
    duration: values.duration,
    scenario: values.scenario,
    arrivalRate: values['arrival-rate'],
    faultRate: values['fault-rate'],
    repairMinutes: values['repair-minutes'],
    disconnectRate: values['disconnect-rate'],
    occupancy: values.occupancy,
    summary: values.summary,
    metricsPort: values['metrics-port'],
    workers: values.workers,
  });
  if (!result.success)
    throw new UsageError(result.error.issues.map((issue) => issue.message).join('\n'));
  return { help: false, options: result.data };
}

const STRING_OPTIONS = [
  'hub',
  'admin-email',
  'admin-password',
  'charger-secret',
  'broker',
  'broker-user',
  'broker-password',
  'area',
  'chargers',
  'protocols',
  'vehicles',
  'drivers',
  'seed',
  'speed',
  'duration',
  'scenario',
  'arrival-rate',
  'fault-rate',
  'repair-minutes',
  'disconnect-rate',
  'occupancy',
  'summary',
  'metrics-port',
  'workers',
] as const;

function parseCommandLineValues(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        ...(Object.fromEntries(STRING_OPTIONS.map((name) => [name, { type: 'string' }])) as Record<
          (typeof STRING_OPTIONS)[number],
          { type: 'string' }
        >),
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // node:util reports unknown options and missing values as TypeError with a readable message.
    throw new UsageError((error as Error).message);
  }
}
