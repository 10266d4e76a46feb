import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CreateRequestContext, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { LoginRequest, RegisterRequest, UserRole } from '@wattsup/contracts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { User } from '../users/user.entity';
import { AccessTokenService } from './access-token.service';
import { AuthRateLimiter } from './auth-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { RefreshToken } from './refresh-token.entity';
import { ACCOUNT_BLOCKED } from './session-blocklist';

export interface IssuedSession {
  user: User;
  accessToken: string;
  refreshToken: string;
}

const WRONG_CREDENTIALS = 'Email or password is incorrect.';
const SESSION_ENDED = 'Your session has ended. Please sign in again.';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly rateLimiter: AuthRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(request: RegisterRequest, ip: string): Promise<IssuedSession> {
    await this.rateLimiter.attemptFromIp(ip);
    const user = await this.createUser(
      request.email,
      request.password,
      'DRIVER',
      request.displayName,
    );
    return this.startSession(user, randomUUID());
  }

  async login(request: LoginRequest, ip: string): Promise<IssuedSession> {
    await this.rateLimiter.attemptFromIp(ip);
    await this.rateLimiter.checkAccount(request.email);
    const user = await this.em.findOne(
      User,
      { email: request.email },
      { populate: ['passwordHash'] },
    );
    // Unknown emails are verified against a decoy hash: same answer, same time.
    const valid = await this.hasher.verify(user?.passwordHash ?? null, request.password);
    if (!user || !valid) {
      await this.rateLimiter.failedLogin(request.email);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await this.rateLimiter.successfulLogin(request.email);
    // Said only to whoever knows the password: others learn nothing about the account.
    if (user.blockedAt) throw new ForbiddenError(ACCOUNT_BLOCKED);
    return this.startSession(user, randomUUID());
  }

  /** Rotates the refresh token; presenting one already rotated revokes its whole family. */
  async refresh(presented: string | undefined): Promise<IssuedSession> {
    if (!presented) throw new UnauthenticatedError(SESSION_ENDED);
    const token = await this.em.findOne(
      RefreshToken,
      { tokenHash: sha256(presented) },
      { populate: ['user'] },
    );
    if (!token) throw new UnauthenticatedError(SESSION_ENDED);
    // Blocking revoked the tokens too; this says why to whoever still holds one.
    if (token.user.blockedAt) throw new ForbiddenError(ACCOUNT_BLOCKED);
    const now = new Date();
    if (token.usedAt || token.revokedAt) {
      await this.revokeFamily(token.familyId);
      throw new UnauthenticatedError(SESSION_ENDED);
    }
    if (token.expiresAt <= now) throw new UnauthenticatedError(SESSION_ENDED);
    // Guarded update: of two concurrent refreshes with the same token only one wins.
    const claimed = await this.em.nativeUpdate(
      RefreshToken,
      { id: token.id, usedAt: null, revokedAt: null },
      { usedAt: now },
    );
    if (claimed !== 1) {
      await this.revokeFamily(token.familyId);
      throw new UnauthenticatedError(SESSION_ENDED);
    }
    return this.startSession(token.user, token.familyId);
  }

  async logout(presented: string | undefined): Promise<void> {
    if (!presented) return;
    const token = await this.em.findOne(RefreshToken, { tokenHash: sha256(presented) });
    if (token) await this.revokeFamily(token.familyId);
  }

  async currentUser(id: string): Promise<User> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw new NotFoundError('This account no longer exists.');
    return user;
  }

  /** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when it does not exist yet. */
  @CreateRequestContext()
  async ensureAdmin(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const existing = await this.em.findOne(User, { email: email.toLowerCase() });
    if (existing) {
      if (existing.role !== 'ADMIN') {
        existing.role = 'ADMIN';
        await this.em.flush();
      }
      return;
    }
    await this.createUser(email.toLowerCase(), password, 'ADMIN', 'Administrator').catch(
      (error) => {
        if (!(error instanceof ConflictError)) throw error; // another hub instance won the race
      },
    );
  }

  private async createUser(
    email: string,
    password: string,
    role: UserRole,
    displayName?: string,
  ): Promise<User> {
    const user = this.em.create(User, {
      email,
      passwordHash: await this.hasher.hash(password),
      role,
      displayName: displayName ?? null,
    });
    try {
      await this.em.persistAndFlush(user);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        this.em.clear();
        throw new ConflictError('An account with this email already exists. Sign in instead.');
      }
      throw error;
    }
    return user;
  }

  private async startSession(user: User, familyId: string): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    this.em.create(RefreshToken, {
      user,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    await this.em.flush();
    const accessToken = await this.accessTokens.sign({ id: user.id, role: user.role });
    return { user, accessToken, refreshToken };
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.em.nativeUpdate(
      RefreshToken,
      { familyId, revokedAt: null },
      { revokedAt: new Date() },
    );
  }
}
