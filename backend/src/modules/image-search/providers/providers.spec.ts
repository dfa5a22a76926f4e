import { FakeProviders, startFakeProviders } from '../../../../test/image-search/fake-providers';
import { BraveProvider } from './brave.provider';
import { GoogleProvider } from './google.provider';
import { OpenverseProvider } from './openverse.provider';
import { ProviderError } from './provider';
import { WikimediaProvider } from './wikimedia.provider';

const UA = 'CatIdentifier/0.1 (tests)';
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders(0, '127.0.0.1');
});
afterAll(() => fake.close());
beforeEach(() => fake.requests.splice(0));

const base = (p: string) => ({ baseUrl: `${fake.url}/${p}`, timeoutMs: 3000, userAgent: UA });
const query = { q: 'lilac van british shorthair', page: 1, licence: 'any' as const };

function expectNormalised(r: Record<string, unknown>) {
  for (const key of ['id', 'provider', 'title', 'thumbnailUrl', 'url', 'width', 'height', 'sourcePage', 'licence', 'licenceUrl', 'creator', 'attribution']) {
    expect(r).toHaveProperty(key);
  }
}

describe('Openverse adapter', () => {
  it('normalises results with licence and attribution', async () => {
    const p = new OpenverseProvider(base('openverse'));
    const page = await p.search(query);
    expect(page.results).toHaveLength(20);
    expect(page.hasMore).toBe(true);
    const r = page.results[0];
    expectNormalised(r);
    expect(r).toMatchObject({
      provider: 'openverse',
      url: `${fake.url}/images/ov-0.jpg`,
      licence: 'CC BY 2.0',
      licenceUrl: 'https://creativecommons.org/licenses/by/2.0/',
      creator: 'Photographer 0',
      width: 640,
      height: 480,
      sourcePage: 'https://www.flickr.com/photos/example/1000',
    });
    expect(r.id).toMatch(/^openverse:/);
    expect(r.thumbnailUrl).toMatch(/\/thumb\/$/);
    expect(r.attribution).toMatch(/is licensed under CC BY 2\.0/);
    expect(fake.requests[0].query).toMatchObject({ q: query.q, page: '1', page_size: '20' });
    expect(fake.requests[0].headers.authorization).toBeUndefined();
  });

  it('passes the licence filter and knows the last page', async () => {
    const p = new OpenverseProvider(base('openverse'));
    const pd = await p.search({ ...query, licence: 'public-domain' });
    expect(fake.requests[0].query.license).toBe('cc0,pdm');
    expect(pd.results.every((r) => /^(CC0|Public Domain Mark)/.test(r.licence))).toBe(true);
    const commercial = await p.search({ ...query, licence: 'commercial' });
    expect(commercial.results.some((r) => r.licence.includes('NC'))).toBe(false);
    const last = await p.search({ ...query, page: 3 });
    expect(last.hasMore).toBe(false);
    expect(last.results).toHaveLength(5);
  });

  it('gets an OAuth token once and caches it', async () => {
    const p = new OpenverseProvider({ ...base('openverse'), clientId: 'fake-id', clientSecret: 'fake-secret' });
    await p.search(query);
    await p.search({ ...query, page: 2 });
    const tokenCalls = fake.requests.filter((r) => r.path.endsWith('/auth_tokens/token/'));
    expect(tokenCalls).toHaveLength(1);
    const searches = fake.requests.filter((r) => r.path === '/openverse/v1/images/');
    expect(searches.map((r) => r.headers.authorization)).toEqual(['Bearer fake-openverse-token', 'Bearer fake-openverse-token']);
  });

  it('falls back to anonymous search when the token is refused', async () => {
    const p = new OpenverseProvider({ ...base('openverse'), clientId: 'wrong', clientSecret: 'wrong' });
    const page = await p.search(query);
    expect(page.results.length).toBe(20);
  });

  it('reports a provider error and a timeout with the provider name', async () => {
    const p = new OpenverseProvider(base('openverse'));
    const err = await p.search({ ...query, q: 'provider-error' }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/^Openverse answered with an error \(500\): Internal server error/);
    const slow = new OpenverseProvider({ ...base('openverse'), timeoutMs: 300 });
    const t = await slow.search({ ...query, q: 'provider-slow' }).catch((e) => e);
    expect(t.kind).toBe('timeout');
    expect(t.message).toMatch(/^Openverse did not answer within 0\.3 s/);
  });

  it('reports an unreachable provider', async () => {
    const probe = await startFakeProviders(0, '127.0.0.1');
    await probe.close(); // its port is now closed
    const p = new OpenverseProvider({ ...base('openverse'), baseUrl: `${probe.url}/openverse` });
    const err = await p.search(query).catch((e) => e);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe('Openverse could not be reached: it refused the connection. Try again later or use another provider.');
  });
});

describe('Wikimedia Commons adapter', () => {
  it('queries the File namespace with a descriptive User-Agent and reads extmetadata', async () => {
    const p = new WikimediaProvider(base('wikimedia'));
    const page = await p.search(query);
    const req = fake.requests[0];
    expect(req.query).toMatchObject({
      action: 'query',
      generator: 'search',
      gsrsearch: query.q,
      gsrnamespace: '6',
      prop: 'imageinfo',
      format: 'json',
      gsroffset: '0',
    });
    expect(req.query.iiprop.split('|')).toEqual(expect.arrayContaining(['url', 'extmetadata', 'size']));
    expect(req.headers['user-agent']).toBe(UA);
    // 20 hits, of which the PDFs are dropped
    expect(page.results.length).toBeGreaterThan(15);
    expect(page.results.length).toBeLessThan(20);
    expect(page.results.every((r) => r.url.endsWith('.jpg'))).toBe(true);
    expect(page.hasMore).toBe(true);
    const r = page.results[0];
    expectNormalised(r);
    expect(r).toMatchObject({
      id: 'wikimedia:50000',
      provider: 'wikimedia',
      title: 'Lilac van British Shorthair 1',
      licence: 'CC BY-SA 4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0',
      creator: 'Cat Fancier 0',
      width: 640,
      height: 480,
      sourcePage: 'https://commons.wikimedia.org/wiki/File:Lilac_van_British_Shorthair_1.jpg',
    });
    expect(r.thumbnailUrl).toContain('/wikimedia/thumb/');
    expect(r.attribution).toBe('"Lilac van British Shorthair 1" by Cat Fancier 0 (Own work), CC BY-SA 4.0, via Wikimedia Commons');
  });

  it('pages with gsroffset and filters public domain', async () => {
    const p = new WikimediaProvider(base('wikimedia'));
    const page3 = await p.search({ ...query, page: 3 });
    expect(fake.requests[0].query.gsroffset).toBe('40');
    expect(page3.hasMore).toBe(false);
    expect(page3.results.length).toBeGreaterThan(0);
  });

  it('turns an API error (HTTP 200 with error) and a 503 into clear messages', async () => {
    const p = new WikimediaProvider(base('wikimedia'));
    const err = await p.search({ ...query, q: 'provider-error' }).catch((e) => e);
    expect(err.message).toMatch(/^Wikimedia Commons answered with an error \(503\)/);
    const noUa = new WikimediaProvider({ ...base('wikimedia'), userAgent: 'node' });
    const rejected = await noUa.search(query).catch((e) => e);
    expect(rejected.message).toMatch(/Wikimedia Commons refused the request \(403\)/);
  });
});

describe('Google Programmable Search adapter', () => {
  const cfg = () => ({ ...base('google'), apiKey: 'fake-key', cx: 'fake-cx' });

  it('is disabled without key and cx', () => {
    expect(new GoogleProvider({ ...base('google') }).enabled).toBe(false);
    expect(new GoogleProvider({ ...base('google'), apiKey: 'k' }).enabled).toBe(false);
    expect(new GoogleProvider(cfg()).enabled).toBe(true);
  });

  it('searches images and marks the licence unknown', async () => {
    const page = await new GoogleProvider(cfg()).search({ ...query, page: 2 });
    expect(fake.requests[0].query).toMatchObject({ searchType: 'image', num: '10', start: '11', key: 'fake-key', cx: 'fake-cx' });
    expect(page.results).toHaveLength(10);
    expect(page.hasMore).toBe(true);
    expect(page.total).toBe(40);
    const r = page.results[0];
    expectNormalised(r);
    expect(r).toMatchObject({ provider: 'google', url: `${fake.url}/images/g-10.jpg`, licence: 'unknown', sourcePage: 'https://www.example-cattery.test/cats/10', width: 640 });
    expect(r.thumbnailUrl).toBe(`${fake.url}/google/thumb/10.jpg`);
  });

  it('uses the rights filter for licences', async () => {
    const page = await new GoogleProvider(cfg()).search({ ...query, licence: 'public-domain' });
    expect(fake.requests[0].query.rights).toBe('cc_publicdomain');
    expect(page.results[0].licence).toBe('Public domain (Google licence filter)');
  });

  it('reports a bad key in Google’s own words', async () => {
    const err = await new GoogleProvider({ ...cfg(), apiKey: 'wrong' }).search(query).catch((e) => e);
    expect(err.message).toMatch(/^Google Programmable Search answered with an error \(400\): API key not valid/);
  });
});

describe('Brave Search adapter', () => {
  it('sends the token, has no licence data, pages by count', async () => {
    const p = new BraveProvider({ ...base('brave'), token: 'fake-token' });
    const page = await p.search({ ...query, page: 2 });
    expect(fake.requests[0].headers['x-subscription-token']).toBe('fake-token');
    expect(fake.requests[0].query.count).toBe('40');
    expect(page.results).toHaveLength(20);
    const r = page.results[0];
    expectNormalised(r);
    expect(r).toMatchObject({ provider: 'brave', url: `${fake.url}/images/b-20.jpg`, licence: 'unknown', licenceUrl: null, sourcePage: 'https://www.example-cattery.test/gallery/20' });
    expect(r.attribution).toMatch(/licence unknown, via example-cattery\.test/);
    expect(p.supportsLicenceFilter).toBe(false);
  });

  it('is disabled without a token and reports a bad token clearly', async () => {
    expect(new BraveProvider(base('brave')).enabled).toBe(false);
    const err = await new BraveProvider({ ...base('brave'), token: 'wrong' }).search(query).catch((e) => e);
    expect(err.message).toMatch(/^Brave Search answered with an error \(422\): The provided subscription token is invalid/);
  });
});
