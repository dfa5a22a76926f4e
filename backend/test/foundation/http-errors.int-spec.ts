/**
 * Requests that are broken before any route sees them (bad JSON, bad multipart, absurd nesting, impossible dates and
 * pages) get a 4xx with a readable message on the real stack, public and admin routes alike — never a 404 that
 * pretends the route is missing, never a 500.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP errors before the route', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp('http-errors');
    token = await t.adminToken();
  });
  afterAll(() => t.close());

  const auth = () => ({ Authorization: `Bearer ${token}` });
  const json = (path: string, body: string, type = 'application/json') =>
    t.http().post(path).set('Content-Type', type).send(body);

  describe('JSON bodies', () => {
    it.each([
      ['cut off', '{"username":"anna"'],
      ['top-level null', 'null'],
      ['a bare string', '"str"'],
    ])('%s → 400 "not valid JSON", on a public route', async (_what, body) => {
      const res = await json('/api/auth/login', body).expect(400);
      expect(res.body.message).toBe('The request body is not valid JSON: send a JSON object.');
    });

    it('bad JSON on an admin route is still refused as bad JSON', async () => {
      const res = await json('/api/admin/training-images/labels', '{"ids":[', 'application/json').set(auth()).expect(400);
      expect(res.body.message).toBe('The request body is not valid JSON: send a JSON object.');
    });

    it('a body over 1 MB → 413', async () => {
      const big = JSON.stringify({ accepted: true, note: 'x'.repeat(1_100_000) });
      const res = await json('/api/predictions/AAAAAAAAAAAAAAAAAAAAAA/feedback', big).expect(413);
      expect(res.body.message).toBe('The request body is too large: the limit is 1 MB.');
    });

    it('an unsupported charset → 415, a body that claims gzip but is not → 400', async () => {
      const charset = await json('/api/auth/login', '{}', 'application/json; charset=iso-8859-1').expect(415);
      expect(charset.body.message).toBe('The body\'s charset "iso-8859-1" is not supported; send UTF-8.');
      const gzip = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip').expect(400);
      expect(gzip.body.message).toMatch(/could not be decompressed/i);
    });

    it('JSON nested thousands of levels deep → 400, not a stack overflow', async () => {
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      const login = await json('/api/auth/login', deep).expect(400);
      expect(login.body.message).toBe('The request body is nested too deeply.');
      const feedback = await json('/api/predictions/AAAAAAAAAAAAAAAAAAAAAA/feedback', `{"accepted":false,"correction":${deep}}`).expect(400);
      expect(feedback.body.message).toBe('The request body is nested too deeply.');
    });
  });

  describe('multipart uploads to the public prediction route', () => {
    const upload = (body: string | Buffer, type: string) => t.http().post('/api/predictions').set('Content-Type', type).send(body);

    it('multipart without a boundary → 400', async () => {
      const res = await upload('x', 'multipart/form-data').expect(400);
      expect(res.body.message).toMatch(/not a valid file upload/i);
    });

    it('a body that is not multipart at all, or is cut off → 400', async () => {
      const cut = '--XYZ\r\nContent-Disposition: form-data; name="image"; filename="cat.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff';
      const res = await upload(cut, 'multipart/form-data; boundary=XYZ').expect(400);
      expect(res.body.message).toMatch(/not a valid file upload|cut off/i);
    });

    it('too many form fields beside the image → 400', async () => {
      const parts = Array.from({ length: 12 }, (_, i) => `--XYZ\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('') + '--XYZ--\r\n';
      const res = await upload(parts, 'multipart/form-data; boundary=XYZ').expect(400);
      expect(res.body.message).toMatch(/too many/i);
    });
  });

  describe('selections, dates and pages the validator must not let through', () => {
    it('a bulk label or delete whose filter is a list (not an object) → 400, and nothing changes', async () => {
      const before = await t.http().get('/api/admin/training-images?pageSize=200').set(auth()).expect(200);
      const label = await t.http().post('/api/admin/training-images/labels').set(auth()).send({ filter: [], label: { colour: 'blue' } }).expect(400);
      expect(label.body.message).toMatch(/^filter must be an object with the list filter fields/);
      const del = await t.http().delete('/api/admin/training-images').set(auth()).send({ filter: [] }).expect(400);
      expect(del.body.message).toMatch(/^filter must be an object with the list filter fields/);
      const after = await t.http().get('/api/admin/training-images?pageSize=200').set(auth()).expect(200);
      expect(after.body).toEqual(before.body);
    });

    it.each(['2026-W01-1', '2026-W01', '20261126', '2026-02-30', '2026-13-45'])('training images ?to=%s → 400', async (d) => {
      const res = await t.http().get(`/api/admin/training-images?to=${d}`).set(auth()).expect(400);
      expect(res.body.message).toMatch(/^to must be a date like 2025-01-31/);
    });

    it('training images with from after to → 400', async () => {
      const res = await t.http().get('/api/admin/training-images?from=2026-12-31&to=2020-01-01').set(auth()).expect(400);
      expect(res.body.message).toBe('from (2026-12-31) is after to (2020-01-01); swap them or widen the range');
    });

    it.each(['2026-13-45', '2026-W01', '2026-02-30'])('predictions ?from=%s → 400', async (d) => {
      const res = await t.http().get(`/api/admin/predictions?from=${d}`).set(auth()).expect(400);
      expect(res.body.message).toMatch(/from must be a date/);
    });

    it.each(['/api/admin/training-images', '/api/admin/predictions'])('%s?page=1e308 → 400', async (path) => {
      const res = await t.http().get(`${path}?page=1e308`).set(auth()).expect(400);
      expect(res.body.message).toMatch(/page must be/);
    });
  });
});

describe('the built app served beside the API', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'ci-frontend-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Cat Identifier</title>');
    writeFileSync(path.join(dist, 'main-ABC123.js'), 'console.log(1)');
    t = await startTestApp('http-frontend', { env: { FRONTEND_DIST: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("serves the app's files, and index.html (not cached) for its own routes", async () => {
    await t.http().get('/main-ABC123.js').expect(200).expect('Content-Type', /javascript/);
    for (const route of ['/', '/result/abc', '/admin/images']) {
      const res = await t.http().get(route).expect(200).expect('Content-Type', /html/);
      expect(res.text).toContain('<title>Cat Identifier</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('never answers an API path with the app: unknown API routes are a JSON 404', async () => {
    const res = await t.http().get('/api/no-such-thing').expect(404);
    expect(res.body.message).toBe('Cannot GET /api/no-such-thing');
  });

  it('keeps the real 400 / 413 for broken bodies (the old static module turned them into 404s)', async () => {
    const bad = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(bad.body.message).toBe('The request body is not valid JSON: send a JSON object.');
    const big = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ username: 'x'.repeat(1_100_000) })).expect(413);
    expect(big.body.message).toBe('The request body is too large: the limit is 1 MB.');
  });
});
