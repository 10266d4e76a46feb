import { type Opt, type Rel, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { type LonLat, PointType } from '../database/point.type';
import { Vehicle } from './vehicle.entity';

/** Append-only vehicle telemetry, indexed by (vehicle, time); written in batches by MQTT ingestion. */
@Entity({ tableName: 'vehicle_telemetry' })
export class Telemetry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Vehicle, { deleteRule: 'cascade' })
  vehicle!: Rel<Vehicle>;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  ts!: Date;

  @Property({ type: PointType })
  location!: LonLat;

  @Property({ type: 'double', columnType: 'numeric(5,2)' })
  socPct!: number;

  @Property({ type: 'boolean' })
  pluggedIn!: boolean;

  @Property({ type: 'boolean' })
  charging!: boolean;

  @Property({ type: 'double', columnType: 'numeric(9,1)' })
  odometerKm!: number;

  @Property({ type: 'double', columnType: 'numeric(5,1)', nullable: true })
  speedKmh: number | null = null;

  @Property({ type: 'uuid', nullable: true })
  terminalId: string | null = null;

  /** When the hub stored the sample. */
  @Property({ type: 'Date', columnType: 'timestamptz' })
  recordedAt: Opt<Date> = new Date();
}
