/**
 * Web image search against the real API, FerretDB and Redis, with the fake providers on loopback (no internet).
 * The import job runs in an in-process worker whose address policy is the real one except that 127.0.0.2 —
 * where a second fake-provider server listens — plays "a public host". So SSRF is tested for real: URLs and
 * redirects to 127.0.0.1 (where a real server is listening), 10.x, 169.254.169.254 and [::1] must be refused.
 */
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { blockedReason } from '../../src/modules/image-search/domain/address-policy';
import { WEB_ADDRESS_CHECK } from '../../src/modules/image-search/web-import.service';
import { startTestApp, TestApp, waitForJob } from '../support/test-app';
import { fakeProviderEnv, FakeProviders, startFakeProviders } from './fake-providers';

jest.setTimeout(120_000);

const PUBLIC_STANDIN = '127.0.0.2';

let t: TestApp;
let worker: INestApplicationContext;
let fake: FakeProviders; // 127.0.0.1: a real server on loopback that imports must never reach
let publicHost: FakeProviders; // 127.0.0.2: the providers' APIs and images ("the internet")
let token: string;

beforeAll(async () => {
  fake = await startFakeProviders(0, '127.0.0.1');
  publicHost = await startFakeProviders(0, PUBLIC_STANDIN);
  t = await startTestApp('image_search', { env: { ...fakeProviderEnv(publicHost.url), IMAGE_SEARCH_TIMEOUT_MS: '1000', IMAGE_SEARCH_ALLOW_PRIVATE_ADDRESSES: 'false' } });
  const { WorkerModule } = await import('../../src/worker.module');
  process.env.PROCESS_ROLE = 'worker';
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(WEB_ADDRESS_CHECK)
    .useValue((ip: string) => (ip === PUBLIC_STANDIN ? null : blockedReason(ip)))
    .compile();
  moduleRef.useLogger(['error']);
  worker = await moduleRef.init();
  process.env.PROCESS_ROLE = 'api';
  token = await t.adminToken();
});

afterAll(async () => {
  await worker?.close();
  await t?.close();
  await fake?.close();
  await publicHost?.close();
});

const get = (url: string) => t.http().get(url).set('Authorization', `Bearer ${token}`);
const post = (url: string, body: unknown) => t.http().post(url).set('Authorization', `Bearer ${token}`).send(body as object);

describe('GET /api/admin/image-search/providers', () => {
  it('lists the providers; needs a token', async () => {
    await t.http().get('/api/admin/image-search/providers').expect(401);
    const res = await get('/api/admin/image-search/providers').expect(200);
    expect(res.body).toEqual([
      { id: 'openverse', name: 'Openverse', enabled: true, needsKey: false },
      { id: 'wikimedia', name: 'Wikimedia Commons', enabled: true, needsKey: false },
      { id: 'google', name: 'Google Programmable Search', enabled: true, needsKey: true },
      { id: 'brave', name: 'Brave Search', enabled: true, needsKey: true },
    ]);
  });
});

describe('GET /api/admin/image-search', () => {
  it.each(['openverse', 'wikimedia', 'google', 'brave'])('returns normalised results from %s', async (provider) => {
    const res = await get(`/api/admin/image-search?q=${encodeURIComponent('lilac van British Shorthair')}&provider=${provider}&page=1`).expect(200);
    expect(res.body).toMatchObject({ provider, page: 1, query: 'lilac van British Shorthair' });
    expect(res.body.results.length).toBeGreaterThan(5);
    for (const r of res.body.results) {
      expect(Object.keys(r).sort()).toEqual(
        ['alreadyImported', 'attribution', 'creator', 'height', 'id', 'licence', 'licenceUrl', 'provider', 'sourcePage', 'thumbnailUrl', 'title', 'url', 'width'].sort(),
      );
      expect(r.provider).toBe(provider);
      expect(r.alreadyImported).toBe(false);
      expect(r.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/images\//);
    }
  });

  it('answers 400 for a missing query, an unknown provider or a bad page', async () => {
    expect((await get('/api/admin/image-search').expect(400)).body.message).toMatch(/q \(the search words\) is required/);
    expect((await get('/api/admin/image-search?q=cat&provider=bing').expect(400)).body.message).toMatch(/Unknown provider "bing"/);
    await get('/api/admin/image-search?q=cat&page=0').expect(400);
    await get('/api/admin/image-search?q=cat&licence=mine').expect(400);
    expect((await get('/api/admin/image-search?q=cat&provider=brave&licence=open').expect(400)).body.message).toMatch(/no licence data/);
  });

  it('answers 502 naming the provider when it fails, 504 when it is too slow', async () => {
    const bad = await get('/api/admin/image-search?q=provider-error&provider=wikimedia').expect(502);
    expect(bad.body.message).toMatch(/^Wikimedia Commons answered with an error \(503\)/);
    const slow = await get('/api/admin/image-search?q=provider-slow&provider=openverse').expect(504);
    expect(slow.body.message).toMatch(/^Openverse did not answer within 1 s/);
  });
});

describe('POST /api/admin/image-search/import', () => {
  it('validates the request', async () => {
    await t.http().post('/api/admin/image-search/import').send({ items: [{ url: 'https://example.org/a.jpg' }] }).expect(401);
    expect((await post('/api/admin/image-search/import', { items: [] }).expect(400)).body.message).toMatch(/at least one image/);
    expect((await post('/api/admin/image-search/import', { items: [{ url: 'file:///etc/passwd' }] }).expect(400)).body.message).toMatch(/http/);
    expect((await post('/api/admin/image-search/import', { items: [{ url: 'https://example.org/a.jpg' }], label: { colour: 'purple' } }).expect(400)).body.message).toMatch(/^label: /);
    await post('/api/admin/image-search/import', { items: [{ url: 'https://example.org/a.jpg', extra: 1 }] }).expect(400);
  });

  it('imports the chosen images with licence and label, refuses private addresses, and reports each item', async () => {
    const search = await get(`/api/admin/image-search?q=blue&provider=openverse`).expect(200);
    const chosen = search.body.results.slice(0, 3).map((r: Record<string, string>) => ({
      url: r.url,
      provider: r.provider,
      thumbnailUrl: r.thumbnailUrl,
      sourcePage: r.sourcePage,
      licence: r.licence,
      attribution: r.attribution,
    }));
    const realLoopback = `${fake.url}/images/ov-9.jpg`; // a real server answers there: only the policy stops it
    const redirect = (to: string) => `${publicHost.url}/redirect?to=${encodeURIComponent(to)}`;
    const ssrf = [
      realLoopback,
      'http://10.0.0.1/cat.jpg',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/cat.jpg',
      redirect(realLoopback),
      redirect('http://10.1.2.3/cat.jpg'),
      redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
      redirect('http://[::1]:80/cat.jpg'),
    ];
    const items = [...chosen, chosen[0], ...ssrf.map((url) => ({ url, provider: 'openverse' })), { url: `${publicHost.url}/not-an-image` }];
    const loopbackHitsBefore = fake.requests.filter((r) => r.path.startsWith('/images/')).length;

    const { body } = await post('/api/admin/image-search/import', { items, label: { colour: 'blue', pattern: 'bicolour' } }).expect(202);
    expect(Object.keys(body)).toEqual(['jobId']);
    const job = await waitForJob(t, body.jobId);
    expect(job.state).toBe('completed');
    expect(job.result.imported).toBe(3);
    expect(job.result.duplicates).toBe(1);
    expect(job.result.failed).toHaveLength(9);
    for (const url of ssrf) {
      const f = job.result.failed.find((x: { url: string }) => x.url === url);
      expect(f?.reason).toMatch(/^Refused to connect to .*(loopback|private range 10|link-local)/);
    }
    expect(job.result.failed.find((x: { url: string }) => x.url.endsWith('/not-an-image')).reason).toMatch(/Not a usable image/);
    // nothing was ever fetched from the real loopback server
    expect(fake.requests.filter((r) => r.path.startsWith('/images/')).length).toBe(loopbackHitsBefore);
    expect(job.details).toMatchObject({ percent: 100, done: items.length, total: items.length, imported: 3, duplicates: 1, failed: 9 });

    const list = await get('/api/admin/training-images?source=web-search').expect(200);
    expect(list.body.total).toBe(3);
    for (const img of list.body.items) {
      const origin = chosen.find((c: { url: string }) => c.url === img.web.url);
      expect(origin).toBeDefined();
      expect(img.source).toBe('web-search');
      expect(img.web).toMatchObject({ provider: 'openverse', licence: origin.licence, attribution: origin.attribution, sourcePage: origin.sourcePage });
      expect(img.label).toMatchObject({ colour: 'blue', pattern: 'bicolour' });
      expect(img.originalName).toMatch(/^ov-\d\.jpg$/);
    }

    // the same batch again: nothing new (idempotent)
    const again = await post('/api/admin/image-search/import', { items: chosen }).expect(202);
    const job2 = await waitForJob(t, again.body.jobId);
    expect({ state: job2.state, error: job2.error, result: job2.result }).toEqual({
      state: 'completed',
      error: undefined,
      result: { imported: 0, duplicates: 3, failed: [] },
    });
  });

  it('marks search results that are already imported', async () => {
    const res = await get(`/api/admin/image-search?q=blue&provider=openverse`).expect(200);
    const marked = res.body.results.filter((r: { alreadyImported: boolean }) => r.alreadyImported).map((r: { url: string }) => r.url);
    expect(marked).toEqual(res.body.results.slice(0, 3).map((r: { url: string }) => r.url));
  });
});
