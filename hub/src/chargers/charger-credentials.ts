import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Charger passwords are random machine secrets (or at least 16 characters, per the OCPP 1.6
 * security whitepaper), so a salted SHA-256 resists guessing as well as a slow hash would, and it
 * keeps a reconnect storm of thousands of chargers from costing minutes of CPU.
 */
export const CHARGER_PASSWORD_MIN_LENGTH = 16;

export function generateChargerPassword(): string {
  return randomBytes(24).toString('base64url');
}

export function hashChargerPassword(password: string): string {
  const salt = randomBytes(16).toString('hex');
  return `sha256$${salt}$${digest(salt, password)}`;
}

export function verifyChargerPassword(
  stored: string | null,
  presented: Buffer | string | undefined,
): boolean {
  if (!stored || presented === undefined) return false;
  const [scheme, salt, expected] = stored.split('$');
  if (scheme !== 'sha256' || !salt || !expected) return false;
  const actual = Buffer.from(digest(salt, presented), 'hex');
  const wanted = Buffer.from(expected, 'hex');
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}

function digest(salt: string, password: Buffer | string): string {
  return createHash('sha256').update(salt).update(password).digest('hex');
}
