import { createRandom, type Random } from '@wattsup/contracts';

/**
 * An independent generator per simulated thing (a charger, a vehicle), derived from the run's seed
 * and the thing's name: one thing's traffic, or the order the network answers in, does not change
 * another's course, so the same seed gives the same run.
 */
export function randomFor(seed: number, key: string): Random {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return createRandom(hash >>> 0);
}
