import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

export type ImageSource = 'zip' | 'upload' | 'web-search' | 'prediction-review';
export type TraitKey = 'is_cat' | 'colour' | 'pattern' | 'is_tabby' | 'is_pointed';
export type TraitValue = string | boolean | null;
export type Label = Record<TraitKey, TraitValue>;

export interface TrainingImage {
  id: string;
  label: Label;
  isLabelled: boolean;
  source: ImageSource;
  thumbnailUrl: string;
  imageUrl: string;
  width: number;
  height: number;
  format: string;
  sha256: string;
  originalName: string | null;
  labelledBy: string | null;
  labelledAt: string | null;
  createdAt: string;
  web: { url: string; provider: string | null; licence: string | null; attribution: string | null } | null;
}

/** Filter fields shared by list, bulk label and delete. Trait values: a value, or 'unknown'. */
export interface ImageFilter {
  labelled?: 'true' | 'false';
  source?: ImageSource;
  is_cat?: string;
  colour?: string;
  pattern?: string;
  is_tabby?: string;
  is_pointed?: string;
  from?: string;
  to?: string;
}

export interface ListQuery {
  filter: ImageFilter;
  page: number; // 1-based
  pageSize: number;
  sort: string;
  direction: 'asc' | 'desc';
}

export interface ImagePage {
  items: TrainingImage[];
  total: number;
}

export type Selection = { ids: string[] } | { filter: ImageFilter };

export interface BalanceCell {
  value: string | boolean;
  count: number;
  underRepresented: boolean;
}
export interface Balance {
  labelled: number;
  unlabelled: number;
  minPerValue: number;
  traits: Record<TraitKey, BalanceCell[]>;
  colourPattern: { colour: string; pattern: string; count: number; underRepresented: boolean }[];
}

export interface ImportResult {
  imported: number;
  duplicates: number;
  rejected: { entry: string; reason: string }[];
}
export interface ImportJob {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled';
  progress: number;
  details?: { percent: number; message?: string; seen?: number; total?: number; imported?: number; duplicates?: number; rejected?: number };
  result?: ImportResult;
  error?: string;
}

const BASE = '/api/admin/training-images';

/** The training-images API: list, label, delete, balance, uploads and their jobs, authenticated image bytes. */
@Injectable({ providedIn: 'root' })
export class ImagesApi {
  private readonly http = inject(HttpClient);

  list(q: ListQuery): Observable<ImagePage> {
    let params = new HttpParams().set('page', q.page).set('pageSize', q.pageSize).set('sort', q.sort).set('direction', q.direction);
    for (const [k, v] of Object.entries(q.filter)) if (v !== undefined && v !== '') params = params.set(k, String(v));
    return this.http.get<ImagePage>(BASE, { params });
  }

  label(selection: Selection, label: Partial<Label>): Observable<{ matched: number; modified: number }> {
    return this.http.post<{ matched: number; modified: number }>(`${BASE}/labels`, { ...selection, label });
  }

  delete(selection: Selection): Observable<{ deleted: number }> {
    return this.http.delete<{ deleted: number }>(BASE, { body: selection });
  }

  balance(): Observable<Balance> {
    return this.http.get<Balance>(`${BASE}/balance`);
  }

  uploadZip(file: File): Observable<HttpEvent<{ jobId: string }>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<{ jobId: string }>(`${BASE}/zip`, form, { reportProgress: true, observe: 'events' });
  }

  uploadImages(files: File[]): Observable<HttpEvent<{ jobId: string }>> {
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    return this.http.post<{ jobId: string }>(BASE, form, { reportProgress: true, observe: 'events' });
  }

  job(id: string): Observable<ImportJob> {
    return this.http.get<ImportJob>(`/api/admin/jobs/${encodeURIComponent(id)}`);
  }

  /** Admin image bytes need the bearer token, so they are fetched with HttpClient (the interceptor adds it). */
  blob(url: string): Observable<Blob> {
    return this.http.get(url, { responseType: 'blob' });
  }
}
