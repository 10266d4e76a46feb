import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ChargerProtocol } from '@wattsup/contracts';
import type { RegistrationStatus } from '../chargers/charger.entity';

/** What MQTT ingestion needs to know of a charger named in a topic. */
export interface MqttChargerRecord {
  id: string;
  protocol: ChargerProtocol;
  registrationStatus: RegistrationStatus;
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
          connector_id: number | null;
          terminal_id: string | null;
        }[]
      >(
        `select c.id, c.protocol, c.registration_status, t.connector_id, t.id as terminal_id
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
      connectors: new Map(
        rows.flatMap((row) =>
          row.connector_id !== null && row.terminal_id ? [[row.connector_id, row.terminal_id]] : [],
        ),
      ),
    };
  }

  /** Writes many chargers' last-seen times in one statement. */
  async touch(lastSeen: ReadonlyMap<string, Date>): Promise<void> {
    if (lastSeen.size === 0) return;
    await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `update chargers c set last_seen_at = greatest(c.last_seen_at, s.at)
         from jsonb_to_recordset(?::jsonb) as s(id uuid, at timestamptz) where c.id = s.id`,
        [JSON.stringify([...lastSeen].map(([id, at]) => ({ id, at: at.toISOString() })))],
      );
  }
}
