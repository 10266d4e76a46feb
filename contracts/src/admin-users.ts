import { z } from 'zod';
import type { UserView } from './api';

export const ADMIN_USERS_PAGE_MAX = 200;

/** `GET /api/v1/admin/users?q=&limit=&offset=` */
export const adminUsersQuery = z.strictObject({
  /** Part of the email or display name, any case. */
  q: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(ADMIN_USERS_PAGE_MAX).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AdminUsersQuery = z.output<typeof adminUsersQuery>;

/** A customer as support sees them; their reservations are at `/admin/reservations?userId=`. */
export interface AdminUserView extends UserView {
  /** Set while the account is blocked: no sign-in, no refresh, every session refused. */
  blockedAt: string | null;
  vehicles: number;
}

export interface AdminUserPage {
  users: AdminUserView[];
  /** Every account matching the query, beyond this page too. */
  total: number;
}
