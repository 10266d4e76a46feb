import type { AdminUserView } from '@wattsup/contracts';
import type { SessionBlocklist } from '../auth/session-blocklist';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import type { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const ADMIN = { id: 'admin-1', role: 'ADMIN' as const };
const CUSTOMER: AdminUserView = {
  id: 'user-1',
  email: 'ada@example.test',
  displayName: 'Ada',
  role: 'DRIVER',
  createdAt: '2026-11-22T10:00:00.000Z',
  blockedAt: '2026-11-22T12:00:00.000Z',
  vehicles: 1,
};

function setUp(found: boolean) {
  const users = {
    search: jest.fn(),
    find: jest.fn().mockResolvedValue(found ? CUSTOMER : null),
    block: jest.fn().mockResolvedValue(found),
    unblock: jest.fn().mockResolvedValue(found),
  };
  const blocklist = { block: jest.fn(), unblock: jest.fn(), isBlocked: jest.fn() };
  const service = new UsersService(
    users as unknown as UsersRepository,
    blocklist as unknown as SessionBlocklist,
  );
  return { service, users, blocklist };
}

describe('UsersService', () => {
  it('blocks in the database, then refuses the sessions still alive', async () => {
    const { service, users, blocklist } = setUp(true);
    await expect(service.block(ADMIN, 'user-1')).resolves.toBe(CUSTOMER);
    expect(users.block).toHaveBeenCalledWith('user-1');
    expect(blocklist.block).toHaveBeenCalledWith('user-1');
  });

  it('refuses an admin blocking their own account, touching nothing', async () => {
    const { service, users, blocklist } = setUp(true);
    await expect(service.block(ADMIN, 'admin-1')).rejects.toThrow(ConflictError);
    expect(users.block).not.toHaveBeenCalled();
    expect(blocklist.block).not.toHaveBeenCalled();
  });

  it('answers not found for an unknown account, blocked or unblocked', async () => {
    const { service, blocklist } = setUp(false);
    await expect(service.block(ADMIN, 'ghost')).rejects.toThrow(NotFoundError);
    await expect(service.unblock('ghost')).rejects.toThrow(NotFoundError);
    await expect(service.detail('ghost')).rejects.toThrow(NotFoundError);
    expect(blocklist.block).not.toHaveBeenCalled();
    expect(blocklist.unblock).not.toHaveBeenCalled();
  });

  it('unblocks in the database and lifts the session refusal', async () => {
    const { service, users, blocklist } = setUp(true);
    await service.unblock('user-1');
    expect(users.unblock).toHaveBeenCalledWith('user-1');
    expect(blocklist.unblock).toHaveBeenCalledWith('user-1');
  });
});
