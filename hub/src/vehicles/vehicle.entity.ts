import { type Opt, type Rel, Entity, ManyToOne, Property } from '@mikro-orm/core';
import type { PlugType } from '@wattsup/contracts';
import { BaseEntity } from '../database/base.entity';
import { type LonLat, PointType } from '../database/point.type';
import { User } from '../users/user.entity';

/** A connected car owned by a user; the latest telemetry is kept on the row. */
@Entity({ tableName: 'vehicles' })
export class Vehicle extends BaseEntity {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: Rel<User>;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'double', columnType: 'numeric(6,2)' })
  batteryKwh!: number;

  @Property({ type: 'text[]' })
  plugs: Opt<PlugType[]> = [];

  /** The vehicle's MQTT username; its password is shown once and stored hashed. */
  @Property({ type: 'text' })
  mqttUsername!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  mqttPasswordHash!: string;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastTelemetryAt: Date | null = null;

  @Property({ type: PointType, nullable: true })
  lastLocation: LonLat | null = null;

  @Property({ type: 'double', columnType: 'numeric(5,2)', nullable: true })
  socPct: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  pluggedIn: boolean | null = null;

  @Property({ type: 'boolean', nullable: true })
  charging: boolean | null = null;

  @Property({ type: 'double', columnType: 'numeric(9,1)', nullable: true })
  odometerKm: number | null = null;
}
