import { type Opt, type Rel, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Charger } from './charger.entity';

/** What a charger reported besides status: firmware and diagnostics progress, NotifyEvent, DataTransfer. */
@Entity({ tableName: 'charger_events' })
export class ChargerEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Charger, { deleteRule: 'cascade' })
  charger!: Rel<Charger>;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  recordedAt: Opt<Date> = new Date();
}
