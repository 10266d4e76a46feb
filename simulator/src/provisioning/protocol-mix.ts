import { CHARGER_PROTOCOLS, type ChargerProtocol, type Random } from '@wattsup/contracts';
import { z } from 'zod';

/** Share of each protocol in the fleet, as weights (they need not add up to 100). */
export type ProtocolMix = Partial<Record<ChargerProtocol, number>>;

const share = z.strictObject(
  Object.fromEntries(
    CHARGER_PROTOCOLS.map((protocol) => [protocol, z.number().min(0).max(1_000_000).optional()]),
  ) as Record<ChargerProtocol, z.ZodOptional<z.ZodNumber>>,
);

export class ProtocolMixError extends Error {}

/** `ocpp1.6=60,ocpp2.0.1=30,mqtt=10`; a protocol alone (`ocpp2.0.1`) means all of the fleet. */
export function parseProtocolMix(value: string): ProtocolMix {
  const entries = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, weight, ...rest] = part.split('=');
      const number = weight === undefined ? 1 : Number(weight);
      if (rest.length > 0 || weight === '' || !Number.isFinite(number)) {
        throw new ProtocolMixError(`--protocols: "${part}" is not protocol=weight`);
      }
      return [name, number] as const;
    });
  const parsed = share.safeParse(Object.fromEntries(entries));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : null;
    throw new ProtocolMixError(
      unknown
        ? `--protocols: unknown protocol ${unknown} (known: ${CHARGER_PROTOCOLS.join(', ')})`
        : `--protocols: ${issue.path.join('.')} ${issue.message}`,
    );
  }
  const mix = parsed.data as ProtocolMix;
  if (Object.values(mix).reduce((sum, weight) => sum + (weight ?? 0), 0) <= 0) {
    throw new ProtocolMixError('--protocols: give at least one protocol a positive share');
  }
  return mix;
}

/**
 * The protocol of each of `count` chargers: exact shares by largest remainder (60/30/10 of 10
 * chargers is 6, 3 and 1, not a dice roll), in a seeded order.
 */
export function assignProtocols(
  mix: ProtocolMix,
  count: number,
  random: Random,
): ChargerProtocol[] {
  const weights = CHARGER_PROTOCOLS.map((protocol) => [protocol, mix[protocol] ?? 0] as const);
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const quotas = weights.map(([protocol, weight]) => {
    const exact = (weight / total) * count;
    return { protocol, count: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let missing = count - quotas.reduce((sum, quota) => sum + quota.count, 0);
  for (const quota of [...quotas].sort((a, b) => b.remainder - a.remainder)) {
    if (missing-- <= 0) break;
    quota.count++;
  }
  const protocols = quotas.flatMap((quota) =>
    Array<ChargerProtocol>(quota.count).fill(quota.protocol),
  );
  return shuffle(protocols, random);
}

/** Fisher–Yates with the seeded generator. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
