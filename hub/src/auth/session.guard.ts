import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@wattsup/contracts';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/domain-errors';
import { AccessTokenService, type SessionUser } from './access-token.service';
import { ACCOUNT_BLOCKED, SessionBlocklist } from './session-blocklist';

export const ACCESS_COOKIE = 'wattsup_access';
export const REFRESH_COOKIE = 'wattsup_refresh';

const ROLES_KEY = 'wattsup:roles';
/** Restricts a route to the given roles; implies a signed-in user. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);

type SessionRequest = Request & { session?: SessionUser };

/** Requires a valid access-token cookie; use with `@UseGuards(SessionGuard)`. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly blocklist: SessionBlocklist,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SessionRequest>();
    const session = await this.tokens.verify(
      request.cookies?.[ACCESS_COOKIE] as string | undefined,
    );
    if (!session) throw new UnauthenticatedError('Please sign in first.');
    if (await this.blocklist.isBlocked(session.id)) throw new ForbiddenError(ACCOUNT_BLOCKED);
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(session.role)) {
      throw new ForbiddenError('Your account is not allowed to do this.');
    }
    request.session = session;
    return true;
  }
}

export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionUser => {
    const session = context.switchToHttp().getRequest<SessionRequest>().session;
    if (!session) throw new UnauthenticatedError('Please sign in first.');
    return session;
  },
);
