import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

export interface ReportFilters {
  from: string | null;
  to: string | null;
  source: string | null;
  model: string | null;
  /** Trait the balance and verdict charts are grouped by (and real-world accuracy filtered to). */
  trait: 'colour' | 'pattern' | 'is_tabby' | 'is_pointed' | 'is_cat';
}

export interface TrainingImagesReport {
  latestDate: string | null;
  totals: { total: number; labelled: number; unlabelled: number; unknown: number };
  series: Array<{ date: string; total: number; labelled: number; unlabelled: number }>;
  groups: Array<{ key: string; count: number; share: number | null }>;
  bySource: Array<{ source: string; labelled: number; unlabelled: number }>;
  thinnestCells: Array<{ colour: string; pattern: string; count: number }>;
}

export interface TraitMetric {
  trait: string;
  accuracy: number | null;
  balancedAccuracy: number | null;
  macroF1: number | null;
}

export interface ModelsReport {
  latestDate: string | null;
  activeModelId: string | null;
  models: Array<{
    modelId: string;
    name: string;
    isStarter: boolean;
    trainingEndedDate: string | null;
    accuracy: number | null;
    loss: number | null;
    isActive: boolean;
    testMetrics: TraitMetric[];
  }>;
  activeModelTestMetrics: TraitMetric[];
}

export interface VerdictGroup {
  key: string;
  name?: string;
  total: number;
  userNone: number;
  userAccepted: number;
  userRejected: number;
  adminNone: number;
  adminAccepted: number;
  adminRejected: number;
}

export interface PredictionsReport {
  latestDate: string | null;
  series: Array<{ date: string; total: number; newSincePrevious: number | null; userAccepted: number; userRejected: number; adminAccepted: number; adminRejected: number }>;
  groups: VerdictGroup[];
  realWorldAccuracy: Array<{ modelId: string; name: string; trait: string; scored: number; correct: number; accuracy: number | null }>;
  activeModel: {
    modelId: string;
    name: string;
    predictions: number;
    userAccepted: number;
    userRejected: number;
    acceptanceRate: number | null;
    testAccuracy: number | null;
    perTrait: Array<{ trait: string; testAccuracy: number | null; realWorldAccuracy: number | null; scored: number }>;
  } | null;
}

export interface SnapshotRun {
  date: string;
  takenAt: string;
  durationMs: number;
  trainingImages: number;
  predictions: number;
  models: number;
}

export interface JobView {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled';
  progress: number;
  details?: { message?: string };
  error?: string;
}

/** The reports API (`/api/admin/reports`) and the generic jobs API for "Refresh now". */
@Injectable({ providedIn: 'root' })
export class DashboardsApi {
  private readonly http = inject(HttpClient);

  private params(f: Partial<ReportFilters>, extra: Record<string, string | null | undefined> = {}): HttpParams {
    let p = new HttpParams();
    for (const [k, v] of Object.entries({ from: f.from, to: f.to, ...extra })) if (v) p = p.set(k, v);
    return p;
  }

  trainingImages(f: ReportFilters): Observable<TrainingImagesReport> {
    return this.http.get<TrainingImagesReport>('/api/admin/reports/training-images', { params: this.params(f, { groupBy: f.trait, source: f.source }) });
  }

  models(f: ReportFilters): Observable<ModelsReport> {
    return this.http.get<ModelsReport>('/api/admin/reports/models', { params: this.params(f, { model: f.model }) });
  }

  predictions(f: ReportFilters): Observable<PredictionsReport> {
    return this.http.get<PredictionsReport>('/api/admin/reports/predictions', { params: this.params(f, { groupBy: f.trait, model: f.model }) });
  }

  snapshots(): Observable<{ lastSnapshot: SnapshotRun | null; snapshots: SnapshotRun[] }> {
    return this.http.get<{ lastSnapshot: SnapshotRun | null; snapshots: SnapshotRun[] }>('/api/admin/reports/snapshots');
  }

  refresh(): Observable<{ jobId: string }> {
    return this.http.post<{ jobId: string }>('/api/admin/reports/snapshots', {});
  }

  job(id: string): Observable<JobView> {
    return this.http.get<JobView>(`/api/admin/jobs/${encodeURIComponent(id)}`);
  }

  deleteReports(from: string | null, to: string | null): Observable<{ deleted: number }> {
    return this.http.delete<{ deleted: number }>('/api/admin/reports', { params: this.params({ from, to }) });
  }
}
