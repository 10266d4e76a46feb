import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { AccessTokenService } from './access-token.service';
import { AuthRateLimiter } from './auth-rate-limiter';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SessionBlocklist } from './session-blocklist';
import { SessionGuard } from './session.guard';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordHasher,
    AccessTokenService,
    AuthRateLimiter,
    SessionGuard,
    SessionBlocklist,
  ],
  exports: [AccessTokenService, SessionGuard, SessionBlocklist, PasswordHasher],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(private readonly auth: AuthService) {}

  onApplicationBootstrap(): Promise<void> {
    return this.auth.ensureAdmin();
  }
}
