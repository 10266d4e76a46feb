import { readFileSync } from 'node:fs';
import type { Bbox } from '@wattsup/contracts';
import { z } from 'zod';
import { AreaError, parseArea } from './provisioning/areas';

/**
 * A scenario: timed events on the simulated fleet, in a small JSON file.
 *
 *   { "name": "Evening in Toulouse",
 *     "events": [
 *       { "at": "60s", "action": "fault", "share": 0.05, "area": "toulouse" },
 *       { "at": "2m",  "action": "reconnect-all" },
 *       { "at": "5m",  "action": "power-cut", "share": 0.2, "duration": "90s" },
 *       { "at": "10m", "action": "rush-hour", "factor": 4, "duration": "1h" } ] }
 *
 * Times are simulated time since the start (seconds, or "90s", "5m", "1h"); with --speed 60 a
 * minute of scenario passes in a second.
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const UNIT_SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600 } as const;

/** Seconds, from a number or a string such as "90s", "5m", "1.5h". */
export const duration = z.union([z.number().min(0), z.string()]).transform((value, context) => {
  if (typeof value === 'number') return value;
  const match = DURATION.exec(value.trim());
  if (!match) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a duration like 90s, 5m, 1h` });
    return z.NEVER;
  }
  return Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's') as keyof typeof UNIT_SECONDS];
});

const area = z.string().transform((value, context): Bbox => {
  try {
    return parseArea(value);
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: (error as AreaError).message.replace('--area', 'area'),
    });
    return z.NEVER;
  }
});

/** Which chargers an event hits: a share of them (0-1], optionally only those inside an area. */
const target = {
  share: z
    .number()
    .gt(0, 'share must be above 0')
    .max(1, 'share is a fraction: at most 1')
    .default(1),
  area: area.optional(),
};

const event = z.discriminatedUnion('action', [
  z.strictObject({ at: duration, action: z.literal('fault'), ...target }),
  z.strictObject({ at: duration, action: z.literal('repair'), ...target }),
  z.strictObject({
    at: duration,
    action: z.literal('disconnect'),
    ...target,
    /** true: the socket stays open but goes quiet (the hub must notice); false: it is cut. */
    silent: z.boolean().default(false),
    duration: duration.default(60),
  }),
  z.strictObject({ at: duration, action: z.literal('reconnect-all') }),
  z.strictObject({
    at: duration,
    action: z.literal('power-cut'),
    ...target,
    duration: duration.default(120),
  }),
  z.strictObject({
    at: duration,
    action: z.literal('rush-hour'),
    /** Walk-in drivers arrive this many times as often. */
    factor: z.number().min(1).max(100).default(3),
    duration: duration.default(3600),
  }),
]);

export const scenarioSchema = z.strictObject({
  name: z.string().max(200).optional(),
  events: z.array(event).max(10_000),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioEvent = Scenario['events'][number];

export class ScenarioError extends Error {}

/** Parses scenario JSON; errors name the file, the event and the field. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    throw new ScenarioError(
      parsed.error.issues
        .map((issue) => `${source}: ${issue.path.join('.') || '(top)'}: ${issue.message}`)
        .join('\n'),
    );
  }
  return { ...parsed.data, events: [...parsed.data.events].sort((a, b) => a.at - b.at) };
}

export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`cannot read the scenario ${path}: ${(error as Error).message}`);
  }
  return parseScenario(text, path);
}

/** The events whose time falls in (fromS, toS], in order; the first call takes fromS = -1. */
export function dueEvents(scenario: Scenario, fromS: number, toS: number): ScenarioEvent[] {
  return scenario.events.filter((event) => event.at > fromS && event.at <= toS);
}
