import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ChargerProtocol, MqttDeviceKind } from '@wattsup/contracts';
import type { RegistrationStatus } from '../chargers/charger.entity';

export interface MqttAccount {
  kind: MqttDeviceKind;
  passwordHash: string | null;
  /** False for a charger that is not an accepted MQTT charger. */
  enabled: boolean;
}

/** The MQTT accounts the hub issued: chargers by identity, vehicles by MQTT username. */
@Injectable()
export class MqttDeviceAuthRepository {
  constructor(private readonly orm: MikroORM) {}

  async byUsername(username: string): Promise<MqttAccount | null> {
    const connection = this.orm.em.fork().getConnection();
    const [charger] = await connection.execute<
      {
        password_hash: string | null;
        protocol: ChargerProtocol;
        registration_status: RegistrationStatus;
      }[]
    >(`select password_hash, protocol, registration_status from chargers where identity = ?`, [
      username,
    ]);
    if (charger) {
      return {
        kind: 'charger',
        passwordHash: charger.password_hash,
        enabled: charger.protocol === 'mqtt' && charger.registration_status === 'Accepted',
      };
    }
    const [vehicle] = await connection.execute<{ mqtt_password_hash: string }[]>(
      `select mqtt_password_hash from vehicles where mqtt_username = ?`,
      [username],
    );
    return vehicle
      ? { kind: 'vehicle', passwordHash: vehicle.mqtt_password_hash, enabled: true }
      : null;
  }
}
