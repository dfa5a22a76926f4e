/**
 * Wikimedia Commons via the MediaWiki Action API: a full-text search of the File: namespace as a generator,
 * with imageinfo (url, size, mime, extmetadata for licence/artist/credit). No key; Wikimedia asks for a
 * descriptive User-Agent. Everything on Commons is freely licensed.
 */
import { buildAttribution, stripHtml, UNKNOWN_LICENCE } from '../domain/licence';
import { fetchJson, joinUrl, positiveInt } from './http-json';
import { ImageSearchProvider, ProviderError, ProviderPage, ProviderQuery, ProviderResult } from './provider';

export interface WikimediaConfig {
  baseUrl: string;
  timeoutMs: number;
  userAgent: string;
}

interface ExtValue {
  value?: unknown;
}
interface ImageInfo {
  url?: string;
  descriptionurl?: string;
  thumburl?: string;
  width?: number;
  height?: number;
  size?: number;
  mime?: string;
  extmetadata?: Record<string, ExtValue | undefined>;
}
interface WikiPage {
  pageid?: number;
  ns?: number;
  title?: string;
  index?: number;
  imageinfo?: ImageInfo[];
}
interface WikimediaResponse {
  batchcomplete?: string | boolean;
  continue?: { gsroffset?: number; continue?: string };
  query?: { pages?: Record<string, WikiPage> | WikiPage[] };
  error?: { code?: string; info?: string };
}

const PAGE_SIZE = 20;
const THUMB_WIDTH = 320;
const IMAGE_MIME = /^image\/(jpeg|png|webp|gif|tiff|avif)$/i;

export class WikimediaProvider implements ImageSearchProvider {
  readonly id = 'wikimedia' as const;
  readonly name = 'Wikimedia Commons';
  readonly needsKey = false;
  readonly enabled = true;
  readonly supportsLicenceFilter = true;

  constructor(private readonly cfg: WikimediaConfig) {}

  async search(query: ProviderQuery): Promise<ProviderPage> {
    const body = await fetchJson<WikimediaResponse>({
      provider: 'Wikimedia Commons',
      url: joinUrl(this.cfg.baseUrl, '/w/api.php', {
        action: 'query',
        format: 'json',
        generator: 'search',
        gsrsearch: query.q,
        gsrnamespace: 6,
        gsrlimit: PAGE_SIZE,
        gsroffset: (query.page - 1) * PAGE_SIZE,
        prop: 'imageinfo',
        iiprop: 'url|extmetadata|size|mime',
        iiurlwidth: THUMB_WIDTH,
        iiextmetadatafilter: 'LicenseShortName|LicenseUrl|Artist|Credit|ObjectName|UsageTerms',
      }),
      timeoutMs: this.cfg.timeoutMs,
      headers: { 'user-agent': this.cfg.userAgent },
      errorMessage: (b) => (b as WikimediaResponse)?.error?.info,
    });
    if (body.error) {
      // The Action API reports errors with HTTP 200.
      throw new ProviderError('unavailable', `Wikimedia Commons answered with an error (${body.error.code ?? 'error'}): ${body.error.info ?? 'no details'}. Try other search words.`);
    }
    const raw = body.query?.pages ?? [];
    const pages = (Array.isArray(raw) ? raw : Object.values(raw)).slice().sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const results = pages.map(toResult).filter((r): r is ProviderResult => r !== null);
    return { results, pageSize: PAGE_SIZE, hasMore: body.continue?.gsroffset !== undefined, total: null };
  }
}

function meta(ii: ImageInfo, key: string): string {
  const v = ii.extmetadata?.[key]?.value;
  return typeof v === 'string' ? stripHtml(v) : typeof v === 'number' ? String(v) : '';
}

function toResult(page: WikiPage): ProviderResult | null {
  const ii = page.imageinfo?.[0];
  if (!ii?.url) return null;
  if (ii.mime && !IMAGE_MIME.test(ii.mime)) return null; // PDFs, videos, audio and SVGs live in File: too
  const fileTitle = (page.title ?? '').replace(/^File:/, '');
  const title = meta(ii, 'ObjectName') || fileTitle.replace(/\.[a-z0-9]+$/i, '') || 'Untitled';
  const licence = meta(ii, 'LicenseShortName') || UNKNOWN_LICENCE;
  const artist = meta(ii, 'Artist') || null;
  const credit = meta(ii, 'Credit');
  const creator = artist;
  const by = artist ? (credit && credit !== artist ? `${artist} (${credit})` : artist) : credit || null;
  const licenceUrl = meta(ii, 'LicenseUrl') || null;
  return {
    id: `wikimedia:${page.pageid ?? fileTitle}`,
    provider: 'wikimedia',
    title,
    thumbnailUrl: ii.thumburl || ii.url,
    url: ii.url,
    width: positiveInt(ii.width),
    height: positiveInt(ii.height),
    sourcePage: ii.descriptionurl || null,
    licence,
    licenceUrl,
    creator,
    attribution: buildAttribution({ title, creator: by, licence, via: 'Wikimedia Commons' }),
  };
}
