import { Injectable } from '@nestjs/common';
import type { AdminUserPage, AdminUsersQuery, AdminUserView } from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { SessionBlocklist } from '../auth/session-blocklist';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { UsersRepository } from './users.repository';

const NO_SUCH_USER = 'No account with this id.';

/** Customer service: finding accounts, blocking and unblocking them. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly blocklist: SessionBlocklist,
  ) {}

  list(query: AdminUsersQuery): Promise<AdminUserPage> {
    return this.users.search(query);
  }

  async detail(id: string): Promise<AdminUserView> {
    const user = await this.users.find(id);
    if (!user) throw new NotFoundError(NO_SUCH_USER);
    return user;
  }

  /** The account can no longer sign in, refresh, or use the access tokens it holds. */
  async block(admin: SessionUser, id: string): Promise<AdminUserView> {
    if (admin.id === id) throw new ConflictError('You cannot block your own account.');
    if (!(await this.users.block(id))) throw new NotFoundError(NO_SUCH_USER);
    await this.blocklist.block(id);
    return this.detail(id);
  }

  async unblock(id: string): Promise<AdminUserView> {
    if (!(await this.users.unblock(id))) throw new NotFoundError(NO_SUCH_USER);
    await this.blocklist.unblock(id);
    return this.detail(id);
  }
}
