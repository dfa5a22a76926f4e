import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC_KEY } from '../../common/public.decorator';

/**
 * Global guard: every route needs a valid access token unless marked @Public().
 * Deny by default, so a new admin route cannot be exposed by forgetting a decorator.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err || !user) {
      const expired = (info as Error | undefined)?.name === 'TokenExpiredError';
      throw err instanceof UnauthorizedException
        ? err
        : new UnauthorizedException(expired ? 'Your session has expired. Please sign in again.' : 'Please sign in to use the admin area.');
    }
    return user;
  }
}
