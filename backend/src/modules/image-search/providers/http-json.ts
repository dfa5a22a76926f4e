/** JSON over HTTP for provider adapters: one timeout, errors turned into ProviderError with readable messages. */
import { ProviderError } from './provider';

export interface JsonRequest {
  provider: string;
  url: string;
  timeoutMs: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Pulls the provider's own error text out of an error body. */
  errorMessage?: (body: unknown) => string | undefined;
}

export async function fetchJson<T>(req: JsonRequest): Promise<T> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method ?? 'GET',
      headers: { accept: 'application/json', ...req.headers },
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: 'follow',
    });
  } catch (err) {
    throw transportError(req, err);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw transportError(req, err);
  }
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: handled below */
  }
  if (!res.ok) {
    const detail = (body !== undefined && req.errorMessage?.(body)) || text.slice(0, 200).trim() || res.statusText;
    if (res.status === 401 || res.status === 403) {
      throw new ProviderError('rejected', `${req.provider} refused the request (${res.status}): ${detail}. Check its key in the server configuration.`);
    }
    if (res.status === 429) {
      throw new ProviderError('rejected', `${req.provider} says too many requests (429): ${detail}. Wait a little and search again.`);
    }
    throw new ProviderError('unavailable', `${req.provider} answered with an error (${res.status}): ${detail}. Try again later or use another provider.`);
  }
  if (body === undefined || body === null || typeof body !== 'object') {
    throw new ProviderError('unavailable', `${req.provider} answered with something that is not JSON. Try again later or use another provider.`);
  }
  return body as T;
}

function transportError(req: JsonRequest, err: unknown): ProviderError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new ProviderError('timeout', `${req.provider} did not answer within ${formatSeconds(req.timeoutMs)}. Try again later or use another provider.`);
  }
  const code = e?.cause?.code;
  const why = (code && NETWORK_REASONS[code]) ?? 'the network failed';
  return new ProviderError('unavailable', `${req.provider} could not be reached: ${why}. Try again later or use another provider.`);
}

/** Node's network error codes in an admin's words (the code itself means little on screen). */
const NETWORK_REASONS: Record<string, string> = {
  ENOTFOUND: 'its address could not be looked up (is this server offline?)',
  EAI_AGAIN: 'its address could not be looked up (is this server offline?)',
  ECONNREFUSED: 'it refused the connection',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'there is no route to it from this server',
  ENETUNREACH: 'this server has no network route to it',
  CERT_HAS_EXPIRED: 'its security certificate has expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its security certificate could not be checked',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its security certificate is self-signed',
};

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** base + path, keeping any path prefix of the base ("http://x/openverse" + "/v1/images/"). */
export function joinUrl(base: string, path: string, params: Record<string, string | number | undefined> = {}): string {
  const u = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.searchParams.set(k, String(v));
  return u.toString();
}

export function positiveInt(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}
