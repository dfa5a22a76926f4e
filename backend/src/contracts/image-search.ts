/** `/api/admin/image-search…` — web image search and import. */

/** The licence filter of the search page. */
export type LicenceFilter = 'any' | 'open' | 'commercial' | 'public-domain';

/** `GET /api/admin/image-search/providers` item. */
export interface SearchProviderInfo {
  id: string;
  name: string;
  enabled: boolean;
  needsKey: boolean;
}

/** One search hit, the same shape whatever the provider. */
export interface ImageSearchResult {
  /** `<provider>:<provider's id>` */
  id: string;
  provider: string;
  title: string;
  thumbnailUrl: string;
  /** The full-size image (what an import downloads). */
  url: string;
  width: number | null;
  height: number | null;
  /** The page the image is shown on (for attribution and checking the licence). */
  sourcePage: string | null;
  /** Readable licence name ("CC BY-SA 4.0", "Public domain") or "unknown". */
  licence: string;
  licenceUrl: string | null;
  creator: string | null;
  /** A credit line to show next to the image. */
  attribution: string;
  /** True when an image with this URL is already in the training set. */
  alreadyImported: boolean;
}

/** `GET /api/admin/image-search?q=&provider=&page=&licence=` */
export interface SearchResponse {
  provider: string;
  query: string;
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** Total hits when the provider reports it (often an estimate). */
  total: number | null;
  licence: LicenceFilter;
  results: ImageSearchResult[];
}

/** One outcome per URL of a web import. */
export type WebImportItemOutcome =
  | { url: string; outcome: 'imported' | 'duplicate'; id: string | null }
  | { url: string; outcome: 'failed'; reason: string };

/** The web import job's result. */
export interface WebImportResult {
  imported: number;
  duplicates: number;
  failed: { url: string; reason: string }[];
}

/** The web import job's progress details. */
export interface WebImportProgress {
  percent: number;
  message?: string;
  done: number;
  total: number;
  imported: number;
  duplicates: number;
  failed: number;
  items: WebImportItemOutcome[];
}
