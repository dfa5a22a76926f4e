import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type * as Contract from '@api/contracts/predictions';
import { TraitName } from '../../shared/models/prediction';

export type AdminPrediction = Contract.AdminPredictionView;
export type ReviewResult = Contract.ReviewResultView;
export type PredictionsPage = Contract.AdminPredictionsPage;
export type BulkReviewResult = Contract.BulkReviewResult;
export type Decision = Contract.ReviewDecision;
export type ReviewStatus = Contract.ReviewStatus;
/** A full label: every trait, null = unknown. */
export type TraitLabel = Record<TraitName, string | boolean | null>;

/** Filters of the review queue; empty = any. Trait values are vocabulary values, "true"/"false" or "unknown". */
export interface PredictionFilter {
  feedback?: ReviewStatus;
  review?: ReviewStatus | 'reviewed';
  modelId?: string;
  traits?: Partial<Record<TraitName, string>>;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  to?: string;
}

export interface ReviewRequest {
  decision: Decision;
  label?: Partial<TraitLabel>;
  addToTraining?: boolean;
}

export interface ModelOption {
  id: string;
  name: string;
  isActive: boolean;
}

/** The review queue API (admin): list with filters, one prediction, review one, review many. */
@Injectable({ providedIn: 'root' })
export class PredictionsReviewApi {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/admin/predictions';

  list(filter: PredictionFilter, page: number, pageSize: number): Observable<PredictionsPage> {
    return this.http.get<PredictionsPage>(this.base, { params: toParams(filter, page, pageSize) });
  }

  get(id: string): Observable<AdminPrediction> {
    return this.http.get<AdminPrediction>(`${this.base}/${encodeURIComponent(id)}`);
  }

  review(id: string, req: ReviewRequest): Observable<ReviewResult> {
    return this.http.post<AdminPrediction>(`${this.base}/${encodeURIComponent(id)}/review`, req);
  }

  bulkReview(ids: string[], req: ReviewRequest): Observable<BulkReviewResult> {
    return this.http.post<BulkReviewResult>(`${this.base}/review`, { ids, ...req });
  }

  /** The models, for the model filter. */
  models(): Observable<ModelOption[]> {
    return this.http.get<ModelOption[]>('/api/admin/models');
  }
}

export function toParams(filter: PredictionFilter, page: number, pageSize: number): HttpParams {
  let p = new HttpParams().set('page', page).set('pageSize', pageSize);
  if (filter.feedback) p = p.set('feedback', filter.feedback);
  if (filter.review) p = p.set('review', filter.review);
  if (filter.modelId) p = p.set('modelId', filter.modelId);
  for (const [t, v] of Object.entries(filter.traits ?? {})) if (v) p = p.set(t, v);
  if (filter.from) p = p.set('from', filter.from);
  if (filter.to) p = p.set('to', filter.to);
  return p;
}
