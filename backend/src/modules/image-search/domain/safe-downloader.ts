/**
 * Downloads one file from the open web without letting a URL reach inside our network (SSRF):
 * - only http/https, no user:password@ in URLs;
 * - the host is resolved here and EVERY address it resolves to must be public (see address-policy);
 * - the connection is pinned to the address that was checked (no second DNS lookup → no DNS rebinding);
 * - redirects are followed by hand, at most `maxRedirects`, and each hop is checked the same way;
 * - one overall deadline and a byte cap (Content-Length is checked first, then the stream is counted).
 * No Nest, no database: the import job calls it and validates the bytes as an image afterwards.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { blockedReason } from './address-policy';

export type DownloadErrorCode =
  | 'bad_url'
  | 'blocked_address'
  | 'dns'
  | 'http_status'
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'network';

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface DownloadOptions {
  maxBytes: number;
  /** Deadline for the whole download, redirects included. */
  timeoutMs: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Why an address must not be contacted (null = allowed). Default: only public unicast addresses. */
  checkAddress?: (address: string) => string | null;
  /** DNS resolution (replaceable in tests). Default: the system resolver, all addresses. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface DownloadResult {
  bytes: Buffer;
  /** The URL the bytes finally came from (after redirects). */
  finalUrl: string;
  contentType: string | null;
  /** The address the last hop connected to. */
  address: string;
  redirects: number;
}

export const DEFAULT_USER_AGENT = 'CatIdentifier/0.1 (training-image import; British Shorthair coat classifier)';

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/** Parses and checks the URL's form (not its address). */
export function parseDownloadUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new DownloadError('bad_url', `"${truncate(raw)}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DownloadError('bad_url', `Only http and https URLs can be imported (got ${url.protocol.replace(':', '')}).`);
  }
  if (url.username || url.password) {
    throw new DownloadError('bad_url', 'URLs with a user name or password in them are not imported.');
  }
  if (!url.hostname) throw new DownloadError('bad_url', `"${truncate(raw)}" has no host name.`);
  return url;
}

/** Resolves the host and returns the address to pin, refusing when any address is not allowed. */
export async function resolveAllowed(url: URL, opts: Pick<DownloadOptions, 'checkAddress' | 'resolve'>): Promise<ResolvedAddress> {
  const check = opts.checkAddress ?? blockedReason;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.resolve ?? systemResolve)(host);
    } catch (err) {
      throw new DownloadError('dns', `The host name ${host} could not be resolved (${(err as NodeJS.ErrnoException).code ?? 'DNS error'}).`);
    }
    if (!addresses.length) throw new DownloadError('dns', `The host name ${host} has no addresses.`);
  }
  for (const a of addresses) {
    const reason = check(a.address);
    if (reason) {
      throw new DownloadError(
        'blocked_address',
        `Refused to connect to ${host}${literal ? '' : ` (${a.address})`}: ${reason}. Only public internet addresses can be imported from.`,
      );
    }
  }
  return addresses[0];
}

export async function safeDownload(rawUrl: string, opts: DownloadOptions): Promise<DownloadResult> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const deadline = Date.now() + opts.timeoutMs;
  let url = parseDownloadUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    const pinned = await withDeadline(resolveAllowed(url, opts), deadline, opts.timeoutMs);
    const res = await fetchOnce(url, pinned, opts, deadline);
    if (res.kind === 'redirect') {
      if (hop >= maxRedirects) {
        throw new DownloadError('too_many_redirects', `Gave up after ${maxRedirects} redirects.`);
      }
      url = parseDownloadUrl(res.location, url);
      continue;
    }
    return { bytes: res.bytes, finalUrl: url.toString(), contentType: res.contentType, address: pinned.address, redirects: hop };
  }
}

type Hop = { kind: 'redirect'; location: string } | { kind: 'body'; bytes: Buffer; contentType: string | null };

function fetchOnce(url: URL, pinned: ResolvedAddress, opts: DownloadOptions, deadline: number): Promise<Hop> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(timeoutError(opts.timeoutMs));
  // Connect only to the address we checked: Node asks this function instead of DNS.
  const pinnedLookup = ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
    else cb(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, value?: Hop) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent: false,
        lookup: pinnedLookup,
        ...(url.protocol === 'https:' && !isIP(host) ? { servername: host } : {}),
        headers: {
          'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
          accept: 'image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8,*/*;q=0.1',
          'accept-encoding': 'identity',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status)) {
          res.resume();
          const location = res.headers.location;
          if (!location) return finish(new DownloadError('http_status', `The server answered ${status} (a redirect) without a Location.`));
          return finish(null, { kind: 'redirect', location });
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return finish(new DownloadError('http_status', `The server answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}.`));
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > opts.maxBytes) {
          finish(tooLarge(opts.maxBytes, declared));
          return res.destroy();
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            finish(tooLarge(opts.maxBytes));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => finish(null, { kind: 'body', bytes: Buffer.concat(chunks), contentType: res.headers['content-type'] ?? null }));
        res.on('error', (err) => finish(networkError(err)));
        res.on('aborted', () => finish(new DownloadError('network', 'The server closed the connection before the image was complete.')));
      },
    );
    const timer = setTimeout(() => finish(timeoutError(opts.timeoutMs)), remaining);
    req.on('error', (err) => finish(networkError(err)));
    req.end();
  });
}

async function withDeadline<T>(p: Promise<T>, deadline: number, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const remaining = deadline - Date.now();
  if (remaining <= 0) throw timeoutError(timeoutMs);
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeoutError(timeoutMs)), remaining);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function timeoutError(timeoutMs: number): DownloadError {
  return new DownloadError('timeout', `The download did not finish within ${(timeoutMs / 1000).toFixed(timeoutMs < 1000 ? 1 : 0)} s.`);
}

function tooLarge(maxBytes: number, declared?: number): DownloadError {
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
  return new DownloadError('too_large', `The file is ${declared ? mb(declared) : 'larger than the limit'}; the limit is ${mb(maxBytes)}.`);
}

function networkError(err: Error): DownloadError {
  if (err instanceof DownloadError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  return new DownloadError('network', `The download failed: ${code ? `${code} ` : ''}${err.message}`.trim());
}

function truncate(s: string, n = 120): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
