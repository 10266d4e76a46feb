import { type Opt, type Rel, Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import { CHARGER_PROTOCOLS, type ChargerProtocol } from '@wattsup/contracts';

export const REGISTRATION_STATUSES = ['Accepted', 'Pending', 'Rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
import { BaseEntity } from '../database/base.entity';
import { Station } from '../stations/station.entity';

/** A device that talks to the hub: an OCPP identity or an MQTT client id. */
@Entity({ tableName: 'chargers' })
export class Charger extends BaseEntity {
  @Property({ type: 'text' })
  identity!: string;

  @Enum({ items: () => CHARGER_PROTOCOLS, type: 'text' })
  protocol!: ChargerProtocol;

  /** Argon2id hash of the charger's password (OCPP security profile 1/2, MQTT). */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  passwordHash: string | null = null;

  @ManyToOne(() => Station, { nullable: true, deleteRule: 'set null' })
  station: Rel<Station> | null = null;

  @Property({ type: 'text', nullable: true })
  vendor: string | null = null;

  @Property({ type: 'text', nullable: true })
  model: string | null = null;

  @Property({ type: 'text', nullable: true })
  firmwareVersion: string | null = null;

  @Property({ type: 'text', nullable: true })
  serialNumber: string | null = null;

  /** `Pending` while an auto-registered charger waits for an admin; BootNotification answers it. */
  @Enum({ items: () => REGISTRATION_STATUSES, type: 'text' })
  registrationStatus: Opt<RegistrationStatus> = 'Accepted';

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastBootAt: Date | null = null;

  @Property({ type: 'boolean' })
  online: Opt<boolean> = false;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastSeenAt: Date | null = null;

  @Property({ type: 'integer' })
  heartbeatIntervalSeconds: Opt<number> = 300;

  /** Reservations go to connector 0 (the whole charge point), as this charger asks. */
  @Property({ type: 'boolean' })
  reserveConnectorZero: Opt<boolean> = false;
}
