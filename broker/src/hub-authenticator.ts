import type { MqttAuthenticateResponse } from '@wattsup/contracts';
import { DeviceAuthenticator } from './authenticator';
import { BrokerIdentity } from './identity';

export interface HubAuthenticatorOptions {
  /** The hub's `/api/v1/internal/mqtt/authenticate`. */
  readonly url: string;
  /** The hub's MQTT_AUTH_TOKEN. */
  readonly token: string;
  readonly timeoutMs: number;
}

/**
 * Devices (chargers, vehicles) authenticate with the credentials the hub issued: the hub keeps
 * them hashed and checks them, so one piece of code knows the scheme and the rules (a charger
 * must be registered for MQTT and accepted). A hub that cannot answer makes the CONNECT fail with
 * "server unavailable", and devices retry.
 */
export class HubAuthenticator implements DeviceAuthenticator {
  constructor(private readonly options: HubAuthenticatorOptions) {}

  async authenticate(username: string, password: Buffer): Promise<BrokerIdentity | null> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.options.token}`,
      },
      body: JSON.stringify({ username, password: password.toString('utf8') }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    // A 400 is a CONNECT the hub's schema refuses (an over-long username): bad credentials.
    if (response.status === 400) return null;
    if (!response.ok) throw new Error(`hub answered ${response.status}`);
    const answer = (await response.json()) as MqttAuthenticateResponse;
    return answer.allowed ? { username, role: 'device' } : null;
  }
}

/**
 * Service accounts from the environment first (the hub's, gateways'): a device can never take
 * their names. Any other username is a device, for the hub to check when one is configured.
 */
export class ServiceAccountsThenDevices implements DeviceAuthenticator {
  constructor(
    private readonly serviceAccounts: DeviceAuthenticator & { has(username: string): boolean },
    private readonly devices: DeviceAuthenticator,
  ) {}

  authenticate(username: string, password: Buffer): Promise<BrokerIdentity | null> {
    return this.serviceAccounts.has(username)
      ? this.serviceAccounts.authenticate(username, password)
      : this.devices.authenticate(username, password);
  }
}
