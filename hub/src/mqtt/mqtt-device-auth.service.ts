import { Injectable } from '@nestjs/common';
import type { MqttAuthenticateRequest, MqttAuthenticateResponse } from '@wattsup/contracts';
import { verifyChargerPassword } from '../chargers/charger-credentials';
import { MqttDeviceAuthRepository } from './mqtt-device-auth.repository';

/**
 * Checks a device's MQTT CONNECT credentials for the broker. Chargers must be registered for
 * MQTT and accepted; vehicles need only exist. The answer says nothing of why a refusal happened.
 */
@Injectable()
export class MqttDeviceAuthService {
  constructor(private readonly repository: MqttDeviceAuthRepository) {}

  async authenticate(request: MqttAuthenticateRequest): Promise<MqttAuthenticateResponse> {
    const account = await this.repository.byUsername(request.username);
    if (!account) {
      // The same hash work as for a known account: timing does not tell which usernames exist.
      verifyChargerPassword(UNKNOWN_ACCOUNT_HASH, request.password);
      return { allowed: false };
    }
    const matches = verifyChargerPassword(account.passwordHash, request.password);
    return matches && account.enabled ? { allowed: true, kind: account.kind } : { allowed: false };
  }
}

const UNKNOWN_ACCOUNT_HASH = `sha256$${'0'.repeat(32)}$${'0'.repeat(64)}`;
