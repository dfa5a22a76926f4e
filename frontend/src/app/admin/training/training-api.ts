import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

export type TraitName = 'is_cat' | 'colour' | 'pattern' | 'is_tabby' | 'is_pointed';
export type RunState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface EpochPoint {
  trait: string | null;
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
}

/** `GET /api/admin/training-runs/:id` */
export interface TrainingRun {
  id: string;
  jobId: string;
  state: RunState;
  stage: string;
  stageTitle: string;
  progress: number;
  message: string | null;
  epochs: EpochPoint[];
  etaSeconds: number | null;
  options: { traits?: TraitName[]; validationShare?: number; testShare?: number; maxEpochs?: number; seed?: number; name?: string | null };
  datasetSummary: {
    total?: number;
    train?: number;
    validation?: number;
    test?: number;
    featuresCached?: number;
    featuresComputed?: number;
    perTrait?: Record<string, Record<string, number>>;
  } | null;
  metrics: Record<string, Record<string, number>> | null;
  startedBy: string;
  startedByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelRequested: boolean;
  modelId?: string;
  error?: string;
}

export interface LogEntry {
  seq: number;
  timestamp: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface StartOptions {
  traits: TraitName[];
  validationShare: number;
  testShare: number;
  maxEpochs: number;
  seed?: number;
  name?: string;
}

/** Training runs API: start, follow (polling), cancel, history. */
@Injectable({ providedIn: 'root' })
export class TrainingApi {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/admin/training-runs';

  list(limit = 50): Observable<{ items: TrainingRun[]; total: number }> {
    return this.http.get<{ items: TrainingRun[]; total: number }>(this.base, { params: { limit } });
  }

  get(id: string): Observable<TrainingRun> {
    return this.http.get<TrainingRun>(`${this.base}/${encodeURIComponent(id)}`);
  }

  logs(id: string, after?: number): Observable<LogEntry[]> {
    let params = new HttpParams();
    if (after !== undefined) params = params.set('after', after);
    return this.http.get<LogEntry[]>(`${this.base}/${encodeURIComponent(id)}/logs`, { params });
  }

  start(options: StartOptions): Observable<{ id: string; jobId: string }> {
    return this.http.post<{ id: string; jobId: string }>(this.base, options);
  }

  cancel(id: string): Observable<TrainingRun> {
    return this.http.post<TrainingRun>(`${this.base}/${encodeURIComponent(id)}/cancel`, {});
  }
}
