import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { UserRole } from '@wattsup/contracts';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface SessionUser {
  id: string;
  role: UserRole;
}

const ISSUER = 'wattsup-hub';

/** Short-lived HS256 access tokens carried in an httpOnly cookie. */
@Injectable()
export class AccessTokenService {
  /** Made once: given raw bytes, jose would build a key object on every request. */
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  sign(user: SessionUser): Promise<string> {
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.config.ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** Returns the session, or null for a missing, forged or expired token. */
  async verify(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      if (
        typeof payload.sub !== 'string' ||
        (payload.role !== 'DRIVER' && payload.role !== 'ADMIN')
      ) {
        return null;
      }
      return { id: payload.sub, role: payload.role };
    } catch {
      return null;
    }
  }
}
