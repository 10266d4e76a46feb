import { type Opt, type Rel, Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import { RESERVATION_STATUSES, type ReservationStatus } from '@wattsup/contracts';
import { BaseEntity } from '../database/base.entity';
import { Terminal } from '../terminals/terminal.entity';
import { User } from '../users/user.entity';

/**
 * A user's hold on one terminal. Partial unique indexes in the database allow at most one live
 * (ACTIVE or IN_USE) reservation per terminal and per user, whatever the code does.
 */
@Entity({ tableName: 'reservations' })
export class Reservation extends BaseEntity {
  @ManyToOne(() => User, { deleteRule: 'restrict' })
  user!: Rel<User>;

  @ManyToOne(() => Terminal, { deleteRule: 'restrict' })
  terminal!: Rel<Terminal>;

  @Enum({ items: () => RESERVATION_STATUSES, type: 'text' })
  status: Opt<ReservationStatus> = 'ACTIVE';

  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  endedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  endCause: string | null = null;
}
