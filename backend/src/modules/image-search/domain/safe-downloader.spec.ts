import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { blockedReason } from './address-policy';
import { DownloadError, safeDownload } from './safe-downloader';

/**
 * A local server on 127.0.0.2 plays "the public internet": the policy below is the real one except that
 * this single address is allowed. Everything else on loopback (127.0.0.1, ::1) stays refused.
 */
const PUBLIC_STANDIN = '127.0.0.2';
const policy = (ip: string) => (ip === PUBLIC_STANDIN ? null : blockedReason(ip));

let server: http.Server;
let origin: string;
let hits: string[] = [];
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    hits.push(u.pathname + u.search);
    if (u.pathname === '/img') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (u.pathname === '/redirect') return res.writeHead(302, { location: u.searchParams.get('to')! }).end();
    if (u.pathname === '/relative') return res.writeHead(301, { location: '/img' }).end();
    if (u.pathname.startsWith('/chain/')) {
      const n = Number(u.pathname.split('/')[2]);
      return res.writeHead(302, { location: n > 0 ? `/chain/${n - 1}` : '/img' }).end();
    }
    if (u.pathname === '/big-declared') return res.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000));
    if (u.pathname === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
      return res.end();
    }
    if (u.pathname === '/slow') return void setTimeout(() => res.writeHead(200).end(JPEG), 3000).unref();
    if (u.pathname === '/missing') return res.writeHead(404).end('nope');
    if (u.pathname === '/echo-host') return res.writeHead(200).end(req.headers.host);
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, PUBLIC_STANDIN, r));
  origin = `http://${PUBLIC_STANDIN}:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => (hits = []));

const opts = { maxBytes: 2000, timeoutMs: 1500, checkAddress: policy };

async function refusal(url: string, o: Partial<typeof opts> = {}): Promise<DownloadError> {
  const err = await safeDownload(url, { ...opts, ...o }).catch((e) => e);
  expect(err).toBeInstanceOf(DownloadError);
  return err as DownloadError;
}

describe('safeDownload', () => {
  it('downloads from an allowed address', async () => {
    const res = await safeDownload(`${origin}/img`, opts);
    expect(res.bytes.equals(JPEG)).toBe(true);
    expect(res.contentType).toBe('image/jpeg');
    expect(res.address).toBe(PUBLIC_STANDIN);
  });

  it.each([
    ['http://127.0.0.1:9/x', /loopback/],
    ['http://10.0.0.1/x', /private range 10/],
    ['http://169.254.169.254/latest/meta-data/', /link-local.*metadata/],
    ['http://[::1]:9/x', /IPv6 loopback/],
    ['http://[::ffff:127.0.0.1]/x', /IPv4-mapped/],
    ['http://0.0.0.0/x', /this network/],
    ['http://2130706433/x', /loopback/], // decimal form of 127.0.0.1, normalised by the URL parser
    ['http://0x7f.1/x', /loopback/],
  ])('refuses a URL pointing at %s', async (url, why) => {
    const err = await refusal(url);
    expect(err.code).toBe('blocked_address');
    expect(err.message).toMatch(why);
  });

  it.each([
    ['http://127.0.0.1:1/x', /loopback/],
    ['http://10.1.2.3/x', /private range 10/],
    ['http://169.254.169.254/latest/meta-data/iam/', /metadata/],
    ['http://[::1]:1/x', /IPv6 loopback/],
  ])('refuses a redirect to %s (and never connects there)', async (target, why) => {
    const err = await refusal(`${origin}/redirect?to=${encodeURIComponent(target)}`);
    expect(err.code).toBe('blocked_address');
    expect(err.message).toMatch(why);
    expect(hits).toEqual([`/redirect?to=${encodeURIComponent(target)}`]);
  });

  it('refuses a host name when any of its addresses is private, and pins the checked address', async () => {
    const resolve = jest.fn(async (host: string) =>
      host === 'rebind.test'
        ? [
            { address: PUBLIC_STANDIN, family: 4 as const },
            { address: '10.0.0.5', family: 4 as const },
          ]
        : [{ address: PUBLIC_STANDIN, family: 4 as const }],
    );
    const port = new URL(origin).port;
    const err = await refusal(`http://rebind.test:${port}/img`, { resolve } as never);
    expect(err.message).toMatch(/rebind\.test \(10\.0\.0\.5\)/);
    // images.test does not exist in DNS: the download works only because the connection uses the checked address
    const ok = await safeDownload(`http://images.test:${port}/echo-host`, { ...opts, resolve });
    expect(ok.bytes.toString()).toBe(`images.test:${port}`);
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('refuses a name that resolves to loopback (localhost)', async () => {
    const err = await refusal('http://localhost:1/x');
    expect(err.code).toBe('blocked_address');
  });

  it('follows relative redirects and gives up after 5', async () => {
    expect((await safeDownload(`${origin}/relative`, opts)).redirects).toBe(1);
    expect((await safeDownload(`${origin}/chain/4`, opts)).redirects).toBe(5);
    const err = await refusal(`${origin}/chain/5`);
    expect(err.code).toBe('too_many_redirects');
  });

  it('caps the size by Content-Length and while streaming', async () => {
    expect((await refusal(`${origin}/big-declared`)).code).toBe('too_large');
    expect((await refusal(`${origin}/big-chunked`)).code).toBe('too_large');
  });

  it('times out', async () => {
    const started = Date.now();
    const err = await refusal(`${origin}/slow`, { timeoutMs: 300 });
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports HTTP errors and bad URLs clearly', async () => {
    expect((await refusal(`${origin}/missing`)).message).toMatch(/answered 404/);
    expect((await refusal('ftp://example.com/a.jpg')).code).toBe('bad_url');
    expect((await refusal('file:///etc/passwd')).code).toBe('bad_url');
    expect((await refusal('http://user:pw@example.com/a.jpg')).code).toBe('bad_url');
    expect((await refusal('not a url')).code).toBe('bad_url');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const err = await refusal(`${origin}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`);
    expect(err.code).toBe('bad_url');
  });
});
