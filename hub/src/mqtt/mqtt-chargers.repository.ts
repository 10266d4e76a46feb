import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ChargerProtocol } from '@wattsup/contracts';
import type { RegistrationStatus } from '../chargers/charger.entity';

/** What MQTT ingestion needs to know of a charger named in a topic. */
export interface MqttChargerRecord {
  id: string;
  protocol: ChargerProtocol;
  registrationStatus: RegistrationStatus;
  /** How often the charger said it would speak at least (its availability's `heartbeatSeconds`). */
  heartbeatSeconds: number;
  /** connectorId → terminal id */
  connectors: ReadonlyMap<number, string>;
}

/** Chargers as MQTT ingestion sees them: looked up by identity (the topic's charger id). */
@Injectable()
export class MqttChargersRepository {
  constructor(private readonly orm: MikroORM) {}

  async byIdentity(identity: string): Promise<MqttChargerRecord | null> {
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<
        {
          id: string;
          protocol: ChargerProtocol;
          registration_status: RegistrationStatus;
          heartbeat_interval_seconds: number;
          connector_id: number | null;
          terminal_id: string | null;
        }[]
      >(
        `select c.id, c.protocol, c.registration_status, c.heartbeat_interval_seconds, t.connector_id, t.id as terminal_id
         from chargers c
         left join terminals t on t.charger_id = c.id and t.connector_id is not null and t.retired_at is null
         where c.identity = ?`,
        [identity],
      );
    if (rows.length === 0) return null;
    return {
      id: rows[0].id,
      protocol: rows[0].protocol,
      registrationStatus: rows[0].registration_status,
      heartbeatSeconds: rows[0].heartbeat_interval_seconds,
      connectors: new Map(
        rows.flatMap((row) =>
          row.connector_id !== null && row.terminal_id ? [[row.connector_id, row.terminal_id]] : [],
        ),
      ),
    };
  }

  async online(chargerId: string): Promise<boolean> {
    const [row] = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ online: boolean }[]>(`select online from chargers where id = ?`, [chargerId]);
    return row?.online ?? false;
  }

  /** The charger's silence window (see OCPP's orphan sweep) follows the interval it announced. */
  async setHeartbeatInterval(chargerId: string, seconds: number): Promise<void> {
    await this.orm.em
      .fork()
      .getConnection()
      .execute(`update chargers set heartbeat_interval_seconds = ? where id = ?`, [
        seconds,
        chargerId,
      ]);
  }
}
