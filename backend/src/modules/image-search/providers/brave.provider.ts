/**
 * Brave Search image API (subscription token). It gives no licence data, so every result is licence
 * "unknown" and the licence filter cannot be used with it. It has no offset parameter: page n asks for
 * n × 20 results (at most 200) and keeps the last 20.
 */
import { createHash } from 'node:crypto';
import { buildAttribution, UNKNOWN_LICENCE } from '../domain/licence';
import { fetchJson, joinUrl, positiveInt } from './http-json';
import { ImageSearchProvider, ProviderPage, ProviderQuery, ProviderResult } from './provider';

export interface BraveConfig {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  userAgent: string;
}

interface BraveImageResult {
  type?: string;
  title?: string;
  url?: string;
  source?: string;
  page_fetched?: string;
  thumbnail?: { src?: string; width?: number; height?: number };
  properties?: { url?: string; placeholder?: string; width?: number; height?: number };
  meta_url?: { scheme?: string; netloc?: string; hostname?: string; favicon?: string; path?: string };
  confidence?: string;
}
interface BraveResponse {
  type?: string;
  query?: { original?: string };
  results?: BraveImageResult[];
  error?: { code?: string; detail?: string; status?: number };
}

const PAGE_SIZE = 20;
const MAX_COUNT = 200;

export class BraveProvider implements ImageSearchProvider {
  readonly id = 'brave' as const;
  readonly name = 'Brave Search';
  readonly needsKey = true;
  readonly supportsLicenceFilter = false;

  constructor(private readonly cfg: BraveConfig) {}

  get enabled(): boolean {
    return !!this.cfg.token;
  }

  async search(query: ProviderQuery): Promise<ProviderPage> {
    const count = Math.min(MAX_COUNT, query.page * PAGE_SIZE);
    const body = await fetchJson<BraveResponse>({
      provider: 'Brave Search',
      url: joinUrl(this.cfg.baseUrl, '/res/v1/images/search', { q: query.q, count, safesearch: 'strict', spellcheck: 0 }),
      timeoutMs: this.cfg.timeoutMs,
      headers: { 'user-agent': this.cfg.userAgent, 'x-subscription-token': this.cfg.token ?? '' },
      errorMessage: (b) => (b as BraveResponse)?.error?.detail,
    });
    const all = (body.results ?? []).filter((r) => r.properties?.url);
    const start = (query.page - 1) * PAGE_SIZE;
    const results = all.slice(start, start + PAGE_SIZE).map(toResult);
    return { results, pageSize: PAGE_SIZE, hasMore: all.length >= count && count < MAX_COUNT, total: null };
  }
}

function toResult(r: BraveImageResult): ProviderResult {
  const url = r.properties!.url!;
  const title = r.title?.trim() || 'Untitled';
  return {
    id: `brave:${createHash('sha1').update(url).digest('hex').slice(0, 16)}`,
    provider: 'brave',
    title,
    thumbnailUrl: r.thumbnail?.src || url,
    url,
    width: positiveInt(r.properties?.width),
    height: positiveInt(r.properties?.height),
    sourcePage: r.url || null,
    licence: UNKNOWN_LICENCE,
    licenceUrl: null,
    creator: null,
    attribution: buildAttribution({ title, licence: UNKNOWN_LICENCE, via: r.source || r.meta_url?.hostname || null }),
  };
}
