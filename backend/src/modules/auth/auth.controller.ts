import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { Public } from '../../common/public.decorator';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { RateLimit, RateLimitGuard } from '../../common/rate-limit';
import { LoginDto } from './dto/login.dto';
import { AuthService, Session } from './auth.service';

export const REFRESH_COOKIE = 'ci_refresh';
const COOKIE_PATH = '/api/auth';
/** The refresh answer when the request carried no refresh cookie at all (see `refresh`). */
export const NO_SESSION = Object.freeze({ accessToken: null, user: null });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(RateLimitGuard)
  @RateLimit('login')
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    return this.respond(await this.auth.login(dto.username, dto.password), res);
  }

  /**
   * Exchanges the refresh cookie for a new access token (and rotates the cookie).
   *
   * No `ci_refresh` cookie at all means "nobody is signed in in this browser", which is the normal state
   * of every first visit to /admin: answered 200 `{ accessToken: null, user: null }` rather than 401, so
   * the SPA's start-up session restore does not log a red `401` in the browser console on each admin page
   * load. This reveals nothing (the caller already knows it sent no cookie) and issues nothing. We chose
   * this over a client-side "a session may exist" flag because the cookie itself stays the single source
   * of truth: the browser drops it when it expires and we clear it when a refresh fails, so there is no
   * second piece of state to fall out of sync. A cookie that IS sent but is malformed, unknown, expired,
   * revoked or replayed is still a 401 (and replay still revokes the whole token family).
   */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const presented: unknown = req.cookies?.[REFRESH_COOKIE];
    if (presented === undefined) return NO_SESSION;
    try {
      return this.respond(await this.auth.refresh(typeof presented === 'string' ? presented : undefined), res);
    } catch (err) {
      res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      throw err;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(req.cookies?.[REFRESH_COOKIE]);
    res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return user;
  }

  private respond(session: Session, res: Response) {
    res.cookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.auth.secureCookies,
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
    return { accessToken: session.accessToken, user: session.user };
  }
}
