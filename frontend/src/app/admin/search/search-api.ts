import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { LicenceFilter, SearchProviderInfo, SearchResponse, WebImportProgress, WebImportResult } from '@api/contracts/image-search';
import type { JobView } from '@api/contracts/jobs';
import { describeHttpError } from '../../core/http/http-error';

export type { LicenceFilter } from '@api/contracts/image-search';
export type {
  ImageSearchResult as SearchResult,
  SearchProviderInfo as SearchProvider,
  SearchResponse as SearchPageResult,
  WebImportResult as ImportResult,
} from '@api/contracts/image-search';

export interface ImportItem {
  url: string;
  provider?: string;
  thumbnailUrl?: string;
  sourcePage?: string;
  licence?: string;
  attribution?: string;
}

/** Progress details of a web import job (the numbers may be missing before the first report). */
export type ImportProgress = Partial<WebImportProgress> & { percent: number };

/** `GET /api/admin/jobs/:id` for a web import job. */
export type ImportJobView = JobView<ImportProgress, WebImportResult>;

/** The web image search API (search, providers, import job). */
@Injectable({ providedIn: 'root' })
export class SearchApi {
  private readonly http = inject(HttpClient);

  providers(): Observable<SearchProviderInfo[]> {
    return this.http.get<SearchProviderInfo[]>('/api/admin/image-search/providers');
  }

  search(q: string, provider: string, page: number, licence: LicenceFilter): Observable<SearchResponse> {
    const params = new HttpParams().set('q', q).set('provider', provider).set('page', page).set('licence', licence);
    return this.http.get<SearchResponse>('/api/admin/image-search', { params });
  }

  import(items: ImportItem[], label: Record<string, string | boolean> | null): Observable<{ jobId: string }> {
    return this.http.post<{ jobId: string }>('/api/admin/image-search/import', label ? { items, label } : { items });
  }

  job(id: string): Observable<ImportJobView> {
    return this.http.get<ImportJobView>(`/api/admin/jobs/${encodeURIComponent(id)}`);
  }

  cancel(id: string): Observable<ImportJobView> {
    return this.http.post<ImportJobView>(`/api/admin/jobs/${encodeURIComponent(id)}/cancel`, {});
  }
}

/** Like describeHttpError, but a provider failure (502/504) keeps the server's message, which names the provider. */
export function describeSearchError(err: unknown): string {
  if (err instanceof HttpErrorResponse && (err.status === 502 || err.status === 504)) {
    const m = (err.error as { message?: unknown } | null)?.message;
    if (typeof m === 'string' && m.trim()) return m.trim();
    return err.status === 504 ? 'The image provider did not answer in time. Try again or choose another provider.' : 'The image provider failed. Try again or choose another provider.';
  }
  return describeHttpError(err);
}
