import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { loadConfig } from '../../config/config';
import { blockedReason } from './domain/address-policy';
import { TrainingImageLibrary } from './training-image-library';
import { originalName, WebImportProgress, WebImportService } from './web-import.service';

/** 127.0.0.2 stands in for a public host; the rest of the policy is the real one. */
const PUBLIC_STANDIN = '127.0.0.2';
const policy = (ip: string) => (ip === PUBLIC_STANDIN ? null : blockedReason(ip));

let server: http.Server;
let origin: string;
let jpegA: Buffer;
let jpegB: Buffer;

beforeAll(async () => {
  jpegA = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg().toBuffer();
  jpegB = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 200, b: 10 } } }).jpeg().toBuffer();
  server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    if (u.pathname === '/a.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpegA);
    if (u.pathname === '/b') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpegB);
    if (u.pathname === '/copy-of-a.jpg') return res.writeHead(200).end(jpegA);
    if (u.pathname === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>');
    if (u.pathname === '/redirect') return res.writeHead(302, { location: u.searchParams.get('to')! }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, PUBLIC_STANDIN, r));
  origin = `http://${PUBLIC_STANDIN}:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function setup(alreadyImported: string[] = []) {
  const config = loadConfig({ NODE_ENV: 'test', IMAGE_SEARCH_TIMEOUT_MS: '1000' });
  const stored = new Map<string, string>(); // first bytes hash → id
  const calls: { bytes: Buffer; meta: Parameters<TrainingImageLibrary['importImage']>[1] }[] = [];
  const library: TrainingImageLibrary = {
    findImportedUrls: jest.fn(async (urls: string[]) => new Set(urls.filter((u) => alreadyImported.includes(u)))),
    importImage: jest.fn(async (bytes, meta) => {
      calls.push({ bytes, meta });
      const key = bytes.toString('base64');
      if (stored.has(key)) return { outcome: 'duplicate' as const, id: stored.get(key)! };
      stored.set(key, `img-${stored.size + 1}`);
      return { outcome: 'imported' as const, id: stored.get(key)! };
    }),
  };
  return { service: new WebImportService(config, library, policy), calls, library };
}

describe('WebImportService', () => {
  it('imports good URLs, reports bad ones per item and never fails the batch', async () => {
    const { service, calls } = setup([`${origin}/already.jpg`]);
    const progress: WebImportProgress[] = [];
    const items = [
      { url: `${origin}/a.jpg`, provider: 'openverse', licence: 'CC BY 2.0', attribution: '"A" by X', sourcePage: 'https://example.org/a', thumbnailUrl: `${origin}/a.jpg?thumb` },
      { url: `${origin}/b`, provider: 'brave' },
      { url: `${origin}/copy-of-a.jpg`, provider: 'google' },
      { url: `${origin}/already.jpg` },
      { url: `${origin}/a.jpg` }, // twice in one batch
      { url: `${origin}/page.html` },
      { url: `${origin}/missing.jpg` },
      { url: 'http://127.0.0.1/secret.jpg' },
      { url: 'http://169.254.169.254/latest/meta-data/' },
      { url: `${origin}/redirect?to=${encodeURIComponent('http://10.0.0.1/x.jpg')}` },
      { url: 'http://[::1]/x.jpg' },
    ];
    const result = await service.run({ items, label: { colour: 'lilac', pattern: 'van' }, userId: 'admin-1' }, { progress: (p) => void progress.push(structuredClone(p)) });

    expect(result.imported).toBe(2);
    expect(result.duplicates).toBe(3); // copy-of-a (same bytes), already imported URL, repeated URL
    expect(result.failed).toHaveLength(6);
    const reason = (url: string) => result.failed.find((f) => f.url === url)?.reason;
    expect(reason(`${origin}/page.html`)).toMatch(/^Not a usable image/);
    expect(reason(`${origin}/missing.jpg`)).toMatch(/answered 404/);
    expect(reason('http://127.0.0.1/secret.jpg')).toMatch(/Refused to connect.*loopback/);
    expect(reason('http://169.254.169.254/latest/meta-data/')).toMatch(/Refused to connect.*link-local/);
    expect(reason(`${origin}/redirect?to=${encodeURIComponent('http://10.0.0.1/x.jpg')}`)).toMatch(/Refused to connect to 10\.0\.0\.1/);
    expect(reason('http://[::1]/x.jpg')).toMatch(/Refused to connect.*loopback/);
    expect(Object.keys(result).sort()).toEqual(['duplicates', 'failed', 'imported']);

    const first = calls.find((c) => c.meta.web?.url === `${origin}/a.jpg`)!;
    expect(first.meta).toEqual({
      source: 'web-search',
      originalName: 'a.jpg',
      label: { colour: 'lilac', pattern: 'van' },
      userId: 'admin-1',
      web: { provider: 'openverse', url: `${origin}/a.jpg`, sourcePage: 'https://example.org/a', thumbnailUrl: `${origin}/a.jpg?thumb`, licence: 'CC BY 2.0', attribution: '"A" by X' },
    });
    expect(calls.find((c) => c.meta.web?.url === `${origin}/b`)!.meta.web).toMatchObject({ provider: 'brave', licence: 'unknown', attribution: null });

    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ percent: 100, done: 11, total: 11, imported: 2, duplicates: 3, failed: 6 });
    expect(last.items).toHaveLength(11);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('stops when cancelled', async () => {
    const { service } = setup();
    const cancel = new Error('Cancelled by an administrator');
    cancel.name = 'JobCancelledError';
    await expect(
      service.run({ items: [{ url: `${origin}/a.jpg` }], userId: 'u' }, { checkCancelled: async () => Promise.reject(cancel) }),
    ).rejects.toThrow('Cancelled by an administrator');
  });

  it('names files after the URL', () => {
    expect(originalName('https://x.org/a/Blue%20cat.JPG?x=1', 'jpeg')).toBe('Blue cat.JPG');
    expect(originalName('https://x.org/img/12345', 'png')).toBe('12345.png');
    expect(originalName('https://x.org/', 'jpeg')).toBe('web-image.jpg');
  });
});
