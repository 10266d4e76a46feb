import { createHash, timingSafeEqual } from 'node:crypto';
import { BrokerIdentity, BrokerRole } from './identity';

/**
 * Checks MQTT CONNECT credentials. Resolves the identity, or null when they are wrong.
 * Rejects only when it cannot decide (its store is down), so the client is told to retry later.
 */
export interface DeviceAuthenticator {
  authenticate(username: string, password: Buffer): Promise<BrokerIdentity | null>;
}

export interface StaticAccounts {
  /** username → password */
  readonly passwords: ReadonlyMap<string, string>;
  readonly hubUsername: string;
  readonly gatewayUsernames: readonly string[];
}

/** Accounts from the environment (`BROKER_USERS`): service accounts, and devices when no hub checks them. */
export class StaticAccountAuthenticator implements DeviceAuthenticator {
  private readonly digests: ReadonlyMap<string, Buffer>;

  constructor(private readonly accounts: StaticAccounts) {
    this.digests = new Map(
      [...accounts.passwords].map(([username, password]) => [username, sha256(password)]),
    );
  }

  has(username: string): boolean {
    return this.digests.has(username);
  }

  async authenticate(username: string, password: Buffer): Promise<BrokerIdentity | null> {
    const expected = this.digests.get(username);
    // Digests have one length, so timingSafeEqual compares in constant time whatever the
    // password's length; an unknown user costs the same hash.
    const matches = timingSafeEqual(sha256(password), expected ?? UNKNOWN_USER_DIGEST);
    return matches && expected ? { username, role: this.roleOf(username) } : null;
  }

  private roleOf(username: string): BrokerRole {
    if (username === this.accounts.hubUsername) return 'hub';
    if (this.accounts.gatewayUsernames.includes(username)) return 'gateway';
    return 'device';
  }
}

const UNKNOWN_USER_DIGEST = Buffer.alloc(32);

function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}
