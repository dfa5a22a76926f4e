import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

function refreshCookie(res: { headers: Record<string, unknown> }): string {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
  const c = cookies.find((x) => x.startsWith('ci_refresh='));
  if (!c) throw new Error('no refresh cookie set');
  return c.split(';')[0];
}

describe('admin authentication (real Mongo + Redis + Postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('auth', { env: { LOGIN_RATE_LIMIT_PER_MINUTE: '8', ACCESS_TOKEN_TTL_SECONDS: '10' } });
  });
  afterAll(() => t.close());

  it('logs in with the right password: a short-lived JWT plus an httpOnly refresh cookie', async () => {
    const res = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.user.username).toBe(ADMIN.username);
    const raw = ([] as string[]).concat(res.headers['set-cookie'] as unknown as string[]).join(';');
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Strict/i);
    expect(raw).toMatch(/Path=\/api\/auth/);
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.username).toBe(ADMIN.username);
  });

  it('gives one generic message for a wrong password and for an unknown user', async () => {
    const a = await t.http().post('/api/auth/login').send({ username: ADMIN.username, password: 'wrong password!' }).expect(401);
    const b = await t.http().post('/api/auth/login').send({ username: 'nobody-here', password: 'wrong password!' }).expect(401);
    expect(a.body.message).toBe('Wrong username or password.');
    expect(b.body.message).toBe(a.body.message);
  });

  it('rejects a malformed login body with a readable 400', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 42 }).expect(400);
    // one message per field: the wrong type, or that it is missing (not its length limits as well)
    expect(res.body.message).toBe('username must be a string; password is required: password must be a string');
    const empty = await t.http().post('/api/auth/login').send({}).expect(400);
    expect(empty.body.message).toBe('username is required: username must be a string; password is required: password must be a string');
  });

  it('rotates refresh tokens; a reused token is rejected and revokes the whole family', async () => {
    const login = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    const first = refreshCookie(login);
    const r1 = await t.http().post('/api/auth/refresh').set('Cookie', first).expect(200);
    const second = refreshCookie(r1);
    expect(second).not.toBe(first);
    expect(r1.body.accessToken).toBeTruthy();
    // replaying the first (already used) token: refused, and the family (incl. the second) is revoked
    await t.http().post('/api/auth/refresh').set('Cookie', first).expect(401);
    await t.http().post('/api/auth/refresh').set('Cookie', second).expect(401);
  });

  it('logout revokes the refresh token', async () => {
    const login = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    const cookie = refreshCookie(login);
    await t.http().post('/api/auth/logout').set('Cookie', cookie).expect(204);
    const res = await t.http().post('/api/auth/refresh').set('Cookie', cookie).expect(401);
    expect(res.body.message).toMatch(/sign in again/);
  });

  it('answers a refresh without any cookie with "no session" (200, nothing issued), not a 401', async () => {
    // the SPA's start-up session restore on a browser that never signed in: no console error wanted
    const res = await t.http().post('/api/auth/refresh').expect(200);
    expect(res.body).toEqual({ accessToken: null, user: null });
    expect(res.headers['set-cookie']).toBeUndefined();
    const other = await t.http().post('/api/auth/refresh').set('Cookie', 'unrelated=1').expect(200);
    expect(other.body).toEqual({ accessToken: null, user: null });
  });

  it('refuses a garbage or empty refresh cookie (and clears it)', async () => {
    const res = await t.http().post('/api/auth/refresh').set('Cookie', 'ci_refresh=abc.def').expect(401);
    expect(([] as string[]).concat((res.headers['set-cookie'] as unknown as string[]) ?? []).join(';')).toMatch(/ci_refresh=;/);
    await t.http().post('/api/auth/refresh').set('Cookie', 'ci_refresh=').expect(401);
  });

  it('refuses tampered and expired access tokens', async () => {
    const token = await t.adminToken();
    const tampered = token.slice(0, -3) + (token.endsWith('a') ? 'bbb' : 'aaa');
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${tampered}`).expect(401);
    const { JwtService } = await import('@nestjs/jwt');
    const expired = new JwtService({ secret: t.env.env.JWT_SECRET }).sign({ sub: 'x', username: 'x' }, { expiresIn: -10 });
    const res = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.message).toMatch(/expired/);
  });

  it('denies every registered admin route without a token (deny by default)', async () => {
    const doc = SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
    const adminRoutes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/admin'))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((method) => ({ method, path: path.replace(/\{[^}]+\}/g, 'x123') })));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(5);
    for (const r of adminRoutes) {
      const res = await (t.http() as any)[r.method](r.path);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
    }
  });

  it('rate-limits login attempts with a readable 429', async () => {
    let last: { status: number; body: { message: string } } | null = null;
    for (let i = 0; i < 12; i++) {
      last = await t.http().post('/api/auth/login').send({ username: 'x-user', password: 'wrong password' });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(last!.body.message).toMatch(/Too many sign-in attempts/);
  });
});
