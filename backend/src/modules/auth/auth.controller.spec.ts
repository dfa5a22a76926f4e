import { UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/config';
import { AuthController, NO_SESSION, REFRESH_COOKIE } from './auth.controller';
import type { AuthService, Session } from './auth.service';

describe('AuthController.refresh', () => {
  const session: Session = {
    accessToken: 'access',
    refreshToken: 'id.secret',
    refreshExpiresAt: new Date(Date.now() + 60_000),
    user: { id: 'u1', username: 'admin' },
  };
  let service: { refresh: jest.Mock };
  let res: { cookie: jest.Mock; clearCookie: jest.Mock };
  let controller: AuthController;

  const req = (cookies?: Record<string, unknown>) => ({ cookies }) as unknown as Request;

  beforeEach(() => {
    service = { refresh: jest.fn() };
    res = { cookie: jest.fn(), clearCookie: jest.fn() };
    const config = { auth: { secureCookies: true } } as unknown as AppConfig;
    controller = new AuthController(service as unknown as AuthService, config);
  });

  it('answers "no session" (not 401) when the request carries no refresh cookie at all', async () => {
    await expect(controller.refresh(req({}), res as unknown as Response)).resolves.toEqual({ accessToken: null, user: null });
    await expect(controller.refresh(req(undefined), res as unknown as Response)).resolves.toBe(NO_SESSION);
    expect(service.refresh).not.toHaveBeenCalled();
    expect(res.cookie).not.toHaveBeenCalled();
    expect(res.clearCookie).not.toHaveBeenCalled();
  });

  it('rotates a presented cookie: new httpOnly cookie, access token in the body', async () => {
    service.refresh.mockResolvedValue(session);
    const body = await controller.refresh(req({ [REFRESH_COOKIE]: 'old.token' }), res as unknown as Response);
    expect(service.refresh).toHaveBeenCalledWith('old.token');
    expect(body).toEqual({ accessToken: 'access', user: session.user });
    expect(res.cookie).toHaveBeenCalledWith(
      REFRESH_COOKIE,
      'id.secret',
      expect.objectContaining({ httpOnly: true, sameSite: 'strict', path: '/api/auth' }),
    );
  });

  it.each([['empty', ''], ['garbage', 'abc.def'], ['not a string', { j: 1 }]])(
    'still rejects a presented but invalid cookie (%s) with 401 and clears it',
    async (_label, value) => {
      service.refresh.mockRejectedValue(new UnauthorizedException('Your session has expired. Please sign in again.'));
      await expect(controller.refresh(req({ [REFRESH_COOKIE]: value }), res as unknown as Response)).rejects.toBeInstanceOf(
        UnauthorizedException,
      );
      expect(service.refresh).toHaveBeenCalledWith(typeof value === 'string' ? value : undefined);
      expect(res.clearCookie).toHaveBeenCalledWith(REFRESH_COOKIE, { path: '/api/auth' });
    },
  );
});
