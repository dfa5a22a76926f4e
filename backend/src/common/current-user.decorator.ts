import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** What the access token proves about the caller (set by the JWT strategy). */
export interface AuthUser {
  id: string;
  username: string;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});
