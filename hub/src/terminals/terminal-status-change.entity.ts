import { type Opt, type Rel, Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import {
  STATUS_SOURCES,
  TERMINAL_STATUSES,
  type StatusSource,
  type TerminalStatus,
} from '@wattsup/contracts';
import { Terminal } from './terminal.entity';

/** Append-only history of terminal statuses; the database refuses updates and deletes. */
@Entity({ tableName: 'terminal_status_history' })
export class TerminalStatusChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Terminal, { deleteRule: 'restrict' })
  terminal!: Rel<Terminal>;

  @Enum({ items: () => TERMINAL_STATUSES, type: 'text' })
  status!: TerminalStatus;

  @Enum({ items: () => STATUS_SOURCES, type: 'text' })
  source!: StatusSource;

  /** The raw status the source sent (e.g. OCPP `SuspendedEV`), kept for diagnosis. */
  @Property({ type: 'text', nullable: true })
  sourceStatus: string | null = null;

  @Property({ type: 'text', nullable: true })
  errorCode: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  recordedAt: Opt<Date> = new Date();
}
