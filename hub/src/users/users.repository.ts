import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AdminUserView, AdminUsersQuery, UserRole } from '@wattsup/contracts';
import { containsPattern } from '../database/like-pattern';

interface UserRow {
  id: string;
  email: string;
  display_name: string | null;
  role: UserRole;
  created_at: Date;
  blocked_at: Date | null;
  vehicles: number;
}

const USER_SELECT = `
  select u.id, u.email, u.display_name, u.role, u.created_at, u.blocked_at,
         (select count(*) from vehicles v where v.owner_id = u.id)::int as vehicles
  from users u`;

const SEARCH = `(?::text is null or u.email ilike ? or u.display_name ilike ?)`;

/** Accounts as customer service reads and blocks them. */
@Injectable()
export class UsersRepository {
  constructor(private readonly em: EntityManager) {}

  async search(query: AdminUsersQuery): Promise<{ users: AdminUserView[]; total: number }> {
    const pattern = query.q ? containsPattern(query.q) : null;
    const search = [pattern, pattern, pattern];
    const connection = this.em.getConnection();
    const [rows, [count]] = await Promise.all([
      connection.execute<UserRow[]>(
        `${USER_SELECT} where ${SEARCH} order by u.created_at desc, u.id limit ? offset ?`,
        [...search, query.limit, query.offset],
      ),
      connection.execute<{ total: number }[]>(
        `select count(*)::int as total from users u where ${SEARCH}`,
        search,
      ),
    ]);
    return { users: rows.map(toView), total: count.total };
  }

  async find(id: string): Promise<AdminUserView | null> {
    const [row] = await this.em
      .getConnection()
      .execute<UserRow[]>(`${USER_SELECT} where u.id = ?`, [id]);
    return row ? toView(row) : null;
  }

  /**
   * Blocks the account (keeping the first block time) and revokes its refresh tokens, so no
   * session of it can be renewed even once unblocked. False when there is no such account.
   */
  block(id: string): Promise<boolean> {
    return this.em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const blocked = await connection.execute<{ id: string }[]>(
        `update users set blocked_at = coalesce(blocked_at, now()), updated_at = now()
         where id = ? returning id`,
        [id],
        'all',
        context,
      );
      if (blocked.length === 0) return false;
      await connection.execute(
        `update refresh_tokens set revoked_at = now() where user_id = ? and revoked_at is null`,
        [id],
        'run',
        context,
      );
      return true;
    });
  }

  async unblock(id: string): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute<{ id: string }[]>(
        `update users set blocked_at = null, updated_at = now() where id = ? returning id`,
        [id],
      );
    return rows.length > 0;
  }
}

function toView(row: UserRow): AdminUserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
    blockedAt: row.blocked_at ? new Date(row.blocked_at).toISOString() : null,
    vehicles: row.vehicles,
  };
}
