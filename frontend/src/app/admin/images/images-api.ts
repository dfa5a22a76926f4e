import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { JobView } from '@api/contracts/jobs';
import type { TraitName } from '@api/contracts/phenotype';
import type {
  Balance,
  BulkLabelResult,
  DeleteResult,
  ImageSource,
  ImportProgress,
  ImportResult,
  TrainingImagesPage,
} from '@api/contracts/training-images';

export type { ImageSource, TrainingImageView as TrainingImage } from '@api/contracts/training-images';
export type TraitKey = TraitName;
export type TraitValue = string | boolean | null;
/** A full label as the table edits it (every trait, null = unknown). */
export type Label = Record<TraitKey, TraitValue>;

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

export type ImagePage = TrainingImagesPage;

export type Selection = { ids: string[] } | { filter: ImageFilter };

export type { Balance, BalanceCell, ImportResult } from '@api/contracts/training-images';

/** `GET /api/admin/jobs/:id` for a ZIP or upload import (progress numbers may be missing before the first report). */
export type ImportJob = JobView<Partial<ImportProgress> & { percent: number }, ImportResult>;

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

  label(selection: Selection, label: Partial<Label>): Observable<BulkLabelResult> {
    return this.http.post<BulkLabelResult>(`${BASE}/labels`, { ...selection, label });
  }

  delete(selection: Selection): Observable<DeleteResult> {
    return this.http.delete<DeleteResult>(BASE, { body: selection });
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
