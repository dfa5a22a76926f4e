import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { JobView as JobViewContract } from '@api/contracts/jobs';
import type { ModelsReport, PredictionsReport, SnapshotRuns, TrainingImagesReport } from '@api/contracts/reports';

export interface ReportFilters {
  from: string | null;
  to: string | null;
  source: string | null;
  model: string | null;
  /** Trait the balance and verdict charts are grouped by (and real-world accuracy filtered to). */
  trait: 'colour' | 'pattern' | 'is_tabby' | 'is_pointed' | 'is_cat';
}

export type {
  ModelsReport,
  PredictionsReport,
  SnapshotRun,
  SnapshotRuns,
  TrainingImagesReport,
  TraitTestMetric as TraitMetric,
  VerdictGroup,
} from '@api/contracts/reports';

/** `GET /api/admin/jobs/:id` for the snapshot job. */
export type JobView = JobViewContract<{ percent: number; message?: string }>;

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

  snapshots(): Observable<SnapshotRuns> {
    return this.http.get<SnapshotRuns>('/api/admin/reports/snapshots');
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
