/** The provider interface every web-image-search adapter implements, and the normalised result shape. */
import type { ImageSearchResult as ImageSearchResultView } from '../../../contracts/image-search';
import { LicenceFilter } from '../domain/licence';

export const PROVIDER_IDS = ['openverse', 'wikimedia', 'google', 'brave'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** One search hit, the same shape whatever the provider (the API contract; `provider` is one of PROVIDER_IDS). */
export type ImageSearchResult = Omit<ImageSearchResultView, 'provider'> & { provider: ProviderId };

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
