import { ADMIN, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** Admin accounts against the real servers: rules, conflicts, self-protection, instant lock-out, audit trail. */
describe('admin users (real FerretDB + Redis + Postgres)', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  const anna = { username: 'anna.admin', password: 'tall giraffe 42 lamps' };

  const login = (u: { username: string; password: string }) => t.http().post('/api/auth/login').send(u);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp('users');
    auth = bearer(await t.adminToken());
  }, 120_000);
  afterAll(() => t?.close());

  it('needs a signed-in admin', async () => {
    await t.http().get('/api/admin/users').expect(401);
    await t.http().post('/api/admin/users').send(anna).expect(401);
  });

  it('refuses a weak password with every problem listed, and stores nothing', async () => {
    const res = await t.http().post('/api/admin/users').set(auth).send({ username: 'bob', password: 'bob12' }).expect(400);
    expect(res.body.message).toMatch(/at least 10 characters/);
    expect(res.body.message).toMatch(/must not contain the username/);
    const bad = await t.http().post('/api/admin/users').set(auth).send({ username: 'no spaces allowed', password: 'a fine long password' }).expect(400);
    expect(bad.body.message).toMatch(/Username must be 3–32 characters/);
    const missing = await t.http().post('/api/admin/users').set(auth).send({ username: 'carol' }).expect(400);
    expect(missing.body.message).toMatch(/password/);
    const list = await t.http().get('/api/admin/users').set(auth).expect(200);
    expect(list.body.map((u: any) => u.username)).toEqual([ADMIN.username]);
  });

  it('creates an admin who can sign in; a duplicate name (any case, even at the same moment) is a 409', async () => {
    const [a, b] = await Promise.all([
      t.http().post('/api/admin/users').set(auth).send(anna),
      t.http().post('/api/admin/users').set(auth).send({ ...anna, username: 'Anna.Admin' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const created = a.status === 201 ? a.body : b.body;
    expect(created).toMatchObject({ username: 'anna.admin', disabled: false, createdBy: ADMIN.username });
    expect(created).not.toHaveProperty('passwordHash');
    expect((a.status === 409 ? a : b).body.message).toMatch(/already exists/);

    await t.http().post('/api/admin/users').set(auth).send(anna).expect(409);
    const list = await t.http().get('/api/admin/users').set(auth).expect(200);
    expect(list.body.map((u: any) => u.username)).toEqual(['anna.admin', ADMIN.username]);
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|\$argon2/);
    await login(anna).expect(200);
  });

  it('an admin cannot disable themselves (403)', async () => {
    const me = await t.http().get('/api/auth/me').set(auth).expect(200);
    const res = await t.http().post(`/api/admin/users/${me.body.id}/disable`).set(auth).expect(403);
    expect(res.body.message).toMatch(/your own account/);
    await t.http().get('/api/auth/me').set(auth).expect(200);
  });

  it('a disabled admin is locked out at once, even with an unexpired token; enabling lets them back in', async () => {
    const annaToken = (await login(anna).expect(200)).body.accessToken as string;
    await t.http().get('/api/admin/users').set(bearer(annaToken)).expect(200);
    const list = await t.http().get('/api/admin/users').set(auth).expect(200);
    const annaId = list.body.find((u: any) => u.username === 'anna.admin').id;

    const disabled = await t.http().post(`/api/admin/users/${annaId}/disable`).set(auth).expect(201);
    expect(disabled.body).toMatchObject({ username: 'anna.admin', disabled: true });
    const locked = await t.http().get('/api/admin/users').set(bearer(annaToken)).expect(401);
    expect(locked.body.message).toMatch(/disabled/);
    await login(anna).expect(401);

    await t.http().post(`/api/admin/users/${annaId}/enable`).set(auth).expect(201);
    await login(anna).expect(200);

    await t.http().post('/api/admin/users/000000000000000000000000/disable').set(auth).expect(404);
    await t.http().post('/api/admin/users/not-an-id/disable').set(auth).expect(404);
  });

  it('changes the own password: the current one must be right and the new one must follow the rules', async () => {
    const token = (await login(anna).expect(200)).body.accessToken as string;
    const change = (body: object) => t.http().post('/api/admin/users/me/password').set(bearer(token)).send(body);

    expect((await change({ currentPassword: 'not my password', newPassword: 'brand new secret 77' }).expect(400)).body.message).toMatch(/current password is not right/);
    expect((await change({ currentPassword: anna.password, newPassword: 'short' }).expect(400)).body.message).toMatch(/at least 10/);
    expect((await change({ currentPassword: anna.password, newPassword: anna.password }).expect(400)).body.message).toMatch(/different/);
    expect((await change({ currentPassword: anna.password }).expect(400)).body.message).toMatch(/newPassword/);
    await login(anna).expect(200); // nothing changed yet

    await change({ currentPassword: anna.password, newPassword: 'brand new secret 77' }).expect(204);
    await login(anna).expect(401);
    await login({ username: anna.username, password: 'brand new secret 77' }).expect(200);
  });

  it('writes an audit entry for every change, naming who did it and never a password', async () => {
    const res = await t.http().get('/api/admin/users/audit').set(auth).expect(200);
    const rows = (res.body as any[]).map((e) => `${e.actorUsername} ${e.action} ${e.targetUsername}`);
    // newest first
    expect(rows).toEqual([
      'anna.admin user.password-changed anna.admin',
      `${ADMIN.username} user.enabled anna.admin`,
      `${ADMIN.username} user.disabled anna.admin`,
      `${ADMIN.username} user.created anna.admin`,
    ]);
    for (const e of res.body) expect(new Date(e.createdAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(JSON.stringify(res.body)).not.toMatch(/brand new secret|tall giraffe|argon2/);
  });
});
