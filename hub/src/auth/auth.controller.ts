import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  loginRequest,
  registerRequest,
  type LoginRequest,
  type RegisterRequest,
  type UserView,
} from '@wattsup/contracts';
import type { CookieOptions, Request, Response } from 'express';
import { ZodPipe } from '../common/zod.pipe';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { toUserView } from '../users/user.entity';
import type { SessionUser } from './access-token.service';
import { AuthService, type IssuedSession } from './auth.service';
import { ACCESS_COOKIE, CurrentSession, REFRESH_COOKIE, SessionGuard } from './session.guard';

const REFRESH_PATH = '/api/v1/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create a driver account and sign in (409 when the email is taken)' })
  async register(
    @Body(new ZodPipe(registerRequest)) body: RegisterRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserView> {
    return this.setSession(response, await this.auth.register(body, request.ip ?? 'unknown'));
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; the session is set in httpOnly cookies' })
  async login(
    @Body(new ZodPipe(loginRequest)) body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserView> {
    return this.setSession(response, await this.auth.login(body, request.ip ?? 'unknown'));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token and issue a new access token' })
  async refresh(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserView> {
    return this.setSession(response, await this.auth.refresh(this.refreshCookie(request)));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session and revoke its refresh tokens' })
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(this.refreshCookie(request));
    response.clearCookie(ACCESS_COOKIE, this.cookieOptions('/'));
    response.clearCookie(REFRESH_COOKIE, this.cookieOptions(REFRESH_PATH));
  }

  @Get('me')
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: 'The signed-in user (401 when signed out)' })
  async me(@CurrentSession() session: SessionUser): Promise<UserView> {
    return toUserView(await this.auth.currentUser(session.id));
  }

  private setSession(response: Response, session: IssuedSession): UserView {
    response.cookie(ACCESS_COOKIE, session.accessToken, {
      ...this.cookieOptions('/'),
      maxAge: this.config.ACCESS_TOKEN_TTL_SECONDS * 1000,
    });
    response.cookie(REFRESH_COOKIE, session.refreshToken, {
      ...this.cookieOptions(REFRESH_PATH),
      maxAge: this.config.REFRESH_TOKEN_TTL_SECONDS * 1000,
    });
    return toUserView(session.user);
  }

  private cookieOptions(path: string): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.config.COOKIE_SECURE, path };
  }

  private refreshCookie(request: Request): string | undefined {
    return request.cookies?.[REFRESH_COOKIE] as string | undefined;
  }
}
