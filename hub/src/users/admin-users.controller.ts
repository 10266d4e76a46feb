import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  adminUsersQuery,
  uuidParam,
  type AdminUserPage,
  type AdminUsersQuery,
  type AdminUserView,
} from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { CurrentSession, Roles, SessionGuard } from '../auth/session.guard';
import { ZodPipe } from '../common/zod.pipe';
import { UsersService } from './users.service';

@ApiTags('admin')
@Controller('admin/users')
@UseGuards(SessionGuard)
@Roles('ADMIN')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts by email or name, newest first, with the total' })
  list(@Query(new ZodPipe(adminUsersQuery)) query: AdminUsersQuery): Promise<AdminUserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account; its reservations are at /admin/reservations?userId=' })
  detail(@Param('id', new ZodPipe(uuidParam)) id: string): Promise<AdminUserView> {
    return this.users.detail(id);
  }

  @Post(':id/block')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Block an account: no sign-in, no refresh, its sessions refused at once (409 for your own)',
  })
  block(
    @CurrentSession() admin: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
  ): Promise<AdminUserView> {
    return this.users.block(admin, id);
  }

  @Post(':id/unblock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unblock an account: it may sign in again' })
  unblock(@Param('id', new ZodPipe(uuidParam)) id: string): Promise<AdminUserView> {
    return this.users.unblock(id);
  }
}
