import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';

/** `GET /api/admin/image-search/providers` */
export interface SearchProvider {
  id: string;
  name: string;
  enabled: boolean;
  needsKey: boolean;
}

export type LicenceFilter = 'any' | 'open' | 'commercial' | 'public-domain';

/** One normalised hit of `GET /api/admin/image-search`. */
export interface SearchResult {
  id: string;
  provider: string;
  title: string;
  thumbnailUrl: string;
  url: string;
  width: number | null;
  height: number | null;
  sourcePage: string | null;
  licence: string;
  licenceUrl: string | null;
  creator: string | null;
  attribution: string;
  alreadyImported: boolean;
}

export interface SearchPageResult {
  provider: string;
  query: string;
  page: number;
  pageSize: number;
  hasMore: boolean;
  total: number | null;
  licence: LicenceFilter;
  results: SearchResult[];
}

export interface ImportItem {
  url: string;
  provider?: string;
  thumbnailUrl?: string;
  sourcePage?: string;
  licence?: string;
  attribution?: string;
}

export interface ImportResult {
  imported: number;
  duplicates: number;
  failed: Array<{ url: string; reason: string }>;
}

export interface ImportProgress {
  percent: number;
  message?: string;
  done?: number;
  total?: number;
  imported?: number;
  duplicates?: number;
  failed?: number;
}

/** `GET /api/admin/jobs/:id` */
export interface ImportJobView {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled';
  progress: number;
  details?: ImportProgress;
  result?: ImportResult;
  error?: string;
}

/** The web image search API (search, providers, import job). */
@Injectable({ providedIn: 'root' })
export class SearchApi {
  private readonly http = inject(HttpClient);

  providers(): Observable<SearchProvider[]> {
    return this.http.get<SearchProvider[]>('/api/admin/image-search/providers');
  }

  search(q: string, provider: string, page: number, licence: LicenceFilter): Observable<SearchPageResult> {
    const params = new HttpParams().set('q', q).set('provider', provider).set('page', page).set('licence', licence);
    return this.http.get<SearchPageResult>('/api/admin/image-search', { params });
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
