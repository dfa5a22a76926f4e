/** The provider interface every web-image-search adapter implements, and the normalised result shape. */
import { LicenceFilter } from '../domain/licence';

export const PROVIDER_IDS = ['openverse', 'wikimedia', 'google', 'brave'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** One search hit, the same shape whatever the provider. */
export interface ImageSearchResult {
  /** `<provider>:<provider's id>` */
  id: string;
  provider: ProviderId;
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

export type ProviderResult = Omit<ImageSearchResult, 'alreadyImported'>;

export interface ProviderQuery {
  q: string;
  /** 1-based */
  page: number;
  licence: LicenceFilter;
}

export interface ProviderPage {
  results: ProviderResult[];
  pageSize: number;
  hasMore: boolean;
  /** Total hits when the provider says (often an estimate). */
  total: number | null;
}

export interface ImageSearchProvider {
  readonly id: ProviderId;
  readonly name: string;
  /** Needs a key or token in the server configuration. */
  readonly needsKey: boolean;
  /** Whether it can be used with the current configuration. */
  readonly enabled: boolean;
  /** Whether the licence filter can be applied (Brave gives no licence data at all). */
  readonly supportsLicenceFilter: boolean;
  search(query: ProviderQuery): Promise<ProviderPage>;
}

export type ProviderErrorKind = 'timeout' | 'unavailable' | 'rejected';

/** A provider failed: `timeout` → 504, the rest → 502. The message names the provider. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
  ) {
    super(message);
  }
}
