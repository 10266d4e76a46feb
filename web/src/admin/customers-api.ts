import type { AdminUserPage, AdminUserView } from '@wattsup/contracts';
import { apiRequest } from '../lib/http';

const userPath = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

/** `query` from `queryString`: `q`, `limit`, `offset`. */
export function fetchCustomers(query: string): Promise<AdminUserPage> {
  return apiRequest(`/admin/users${query}`);
}

/** No sign-in, no refresh, and the sessions the customer holds are refused at once. */
export function blockCustomer(id: string): Promise<AdminUserView> {
  return apiRequest(`${userPath(id)}/block`, { method: 'POST' });
}

export function unblockCustomer(id: string): Promise<AdminUserView> {
  return apiRequest(`${userPath(id)}/unblock`, { method: 'POST' });
}
