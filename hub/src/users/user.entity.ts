import { type Opt, Entity, Enum, Property } from '@mikro-orm/core';
import { USER_ROLES, type UserRole, type UserView } from '@wattsup/contracts';
import { BaseEntity } from '../database/base.entity';

@Entity({ tableName: 'users' })
export class User extends BaseEntity {
  /** Stored lower-cased; a unique index on it refuses duplicates. */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'text', nullable: true })
  displayName: string | null = null;

  @Enum({ items: () => USER_ROLES, type: 'text' })
  role: Opt<UserRole> = 'DRIVER';

  /** Set while support has blocked the account (see `SessionBlocklist`). */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  blockedAt: Date | null = null;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}
