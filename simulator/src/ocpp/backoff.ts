import type { Random } from '@wattsup/contracts';

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

/**
 * Delay before reconnection attempt `attempt` (0 for the first): exponential, capped, then spread
 * over half to one and a half times itself so that a fleet cut off at once does not come back in
 * lockstep and knock the hub over again.
 */
export function reconnectDelayMs(attempt: number, random: Random, backoff = DEFAULT_BACKOFF) {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * random.between(0.5, 1.5));
}
