/**
 * Google Programmable Search (Custom Search JSON API) with searchType=image, for those who still have access
 * (closed to new customers; ends 1 January 2027). Needs an API key and a search engine id (cx).
 * Results carry no licence; when the licence filter is used Google's `rights` filter is applied and the
 * licence is named after it (check the source page).
 */
import { createHash } from 'node:crypto';
import { buildAttribution, LicenceFilter, UNKNOWN_LICENCE } from '../domain/licence';
import { fetchJson, joinUrl, positiveInt } from './http-json';
import { ImageSearchProvider, ProviderPage, ProviderQuery, ProviderResult } from './provider';

export interface GoogleConfig {
  baseUrl: string;
  apiKey?: string;
  cx?: string;
  timeoutMs: number;
  userAgent: string;
}

interface GoogleItem {
  kind?: string;
  title?: string;
  link?: string;
  displayLink?: string;
  mime?: string;
  image?: {
    contextLink?: string;
    height?: number;
    width?: number;
    byteSize?: number;
    thumbnailLink?: string;
    thumbnailHeight?: number;
    thumbnailWidth?: number;
  };
}
interface GoogleResponse {
  kind?: string;
  queries?: { nextPage?: unknown[]; request?: unknown[] };
  searchInformation?: { totalResults?: string };
  items?: GoogleItem[];
  error?: { code?: number; message?: string; status?: string };
}

const PAGE_SIZE = 10; // the API's maximum per request
const MAX_PAGE = 10; // start + num must stay within the first 100 results

const RIGHTS: Record<Exclude<LicenceFilter, 'any'>, { rights: string; licence: string }> = {
  open: {
    rights: 'cc_publicdomain|cc_attribute|cc_sharealike|cc_noncommercial|cc_nonderived',
    licence: 'Creative Commons (Google licence filter)',
  },
  commercial: {
    rights: 'cc_publicdomain|cc_attribute|cc_sharealike|cc_nonderived',
    licence: 'Creative Commons, commercial use (Google licence filter)',
  },
  'public-domain': { rights: 'cc_publicdomain', licence: 'Public domain (Google licence filter)' },
};

export class GoogleProvider implements ImageSearchProvider {
  readonly id = 'google' as const;
  readonly name = 'Google Programmable Search';
  readonly needsKey = true;
  readonly supportsLicenceFilter = true;

  constructor(private readonly cfg: GoogleConfig) {}

  get enabled(): boolean {
    return !!(this.cfg.apiKey && this.cfg.cx);
  }

  async search(query: ProviderQuery): Promise<ProviderPage> {
    const page = Math.min(query.page, MAX_PAGE);
    const rights = query.licence === 'any' ? undefined : RIGHTS[query.licence];
    const body = await fetchJson<GoogleResponse>({
      provider: 'Google Programmable Search',
      url: joinUrl(this.cfg.baseUrl, '/customsearch/v1', {
        key: this.cfg.apiKey,
        cx: this.cfg.cx,
        q: query.q,
        searchType: 'image',
        num: PAGE_SIZE,
        start: (page - 1) * PAGE_SIZE + 1,
        safe: 'active',
        rights: rights?.rights,
      }),
      timeoutMs: this.cfg.timeoutMs,
      headers: { 'user-agent': this.cfg.userAgent },
      errorMessage: (b) => (b as GoogleResponse)?.error?.message,
    });
    const licence = rights?.licence ?? UNKNOWN_LICENCE;
    const results = (body.items ?? []).filter((i) => i.link).map((i) => toResult(i, licence));
    return {
      results,
      pageSize: PAGE_SIZE,
      hasMore: page < MAX_PAGE && Array.isArray(body.queries?.nextPage) && body.queries!.nextPage!.length > 0,
      total: body.searchInformation?.totalResults !== undefined ? Number(body.searchInformation.totalResults) || 0 : null,
    };
  }
}

function toResult(i: GoogleItem, licence: string): ProviderResult {
  const title = i.title?.trim() || 'Untitled';
  return {
    id: `google:${createHash('sha1').update(i.link!).digest('hex').slice(0, 16)}`,
    provider: 'google',
    title,
    thumbnailUrl: i.image?.thumbnailLink || i.link!,
    url: i.link!,
    width: positiveInt(i.image?.width),
    height: positiveInt(i.image?.height),
    sourcePage: i.image?.contextLink || null,
    licence,
    licenceUrl: null,
    creator: null,
    attribution: buildAttribution({ title, licence, via: i.displayLink || null }),
  };
}
