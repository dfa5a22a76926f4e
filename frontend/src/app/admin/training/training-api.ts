import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { TrainingLogEntry as LogEntry, TrainingRun, TraitName } from '@api/contracts/training';

export type { EpochPoint, TraitName, TrainingRun } from '@api/contracts/training';
export type { TrainingRunState as RunState, TrainingLogEntry as LogEntry } from '@api/contracts/training';

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
