import { type Rel, Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Charger } from '../chargers/charger.entity';
import { BaseEntity } from '../database/base.entity';
import { Terminal } from '../terminals/terminal.entity';

/** One charging transaction on a connector, from start to stop, with its energy and power. */
@Entity({ tableName: 'charging_sessions' })
export class ChargingSession extends BaseEntity {
  @ManyToOne(() => Charger, { deleteRule: 'restrict' })
  charger!: Rel<Charger>;

  @ManyToOne(() => Terminal, { nullable: true, deleteRule: 'restrict' })
  terminal: Rel<Terminal> | null = null;

  @Property({ type: 'integer' })
  connectorId!: number;

  /** OCPP 1.6: an integer the hub assigns; OCPP 2.0.1: the charger's own string. */
  @Property({ type: 'text' })
  transactionId!: string;

  @Property({ type: 'text', nullable: true })
  idTag: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  reservationId: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  stoppedAt: Date | null = null;

  @Property({ type: 'double', columnType: 'numeric(14,1)', nullable: true })
  meterStartWh: number | null = null;

  @Property({ type: 'double', columnType: 'numeric(14,1)', nullable: true })
  meterStopWh: number | null = null;

  @Property({ type: 'double', columnType: 'numeric(14,1)', nullable: true })
  energyWh: number | null = null;

  @Property({ type: 'double', columnType: 'numeric(10,1)', nullable: true })
  peakPowerW: number | null = null;

  @Property({ type: 'double', columnType: 'numeric(10,1)', nullable: true })
  lastPowerW: number | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastMeterAt: Date | null = null;

  @Property({ type: 'double', columnType: 'numeric(5,2)', nullable: true })
  socPct: number | null = null;

  @Property({ type: 'text', nullable: true })
  stopReason: string | null = null;
}
