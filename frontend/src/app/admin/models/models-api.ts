import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[truth][predicted] */
  matrix: number[][];
}

/** `GET /api/admin/models` item. */
export interface ModelSummary {
  id: string;
  name: string;
  createdAt: string;
  isActive: boolean;
  isStarter: boolean;
  featureVersion: string;
  /** per trait: accuracy, balancedAccuracy, macroF1, ece, abstentionRate, n… */
  metrics: Record<string, Record<string, number>>;
  datasetSummary: { total?: number; train?: number; validation?: number; test?: number; perTrait?: Record<string, Record<string, number>>; samples?: number };
  trainingRunId: string | null;
  startedBy: string | null;
  startedByName: string | null;
  trainingOptions: Record<string, unknown> | null;
  trainingStartedAt: string | null;
  trainingEndedAt: string | null;
  durationSeconds: number | null;
  loss: number | null;
  accuracy: number | null;
}

/** `GET /api/admin/models/:id` */
export interface ModelDetail extends Omit<ModelSummary, 'metrics'> {
  metrics: Record<string, Record<string, unknown> & { confusion?: ConfusionMatrix }>;
  activatedAt: string | null;
  activatedBy: string | null;
}

/** Model registry API: list, detail, activate (roll back = activate an older model). */
@Injectable({ providedIn: 'root' })
export class ModelsApi {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/admin/models';

  list(): Observable<ModelSummary[]> {
    return this.http.get<ModelSummary[]>(this.base);
  }

  detail(id: string): Observable<ModelDetail> {
    return this.http.get<ModelDetail>(`${this.base}/${encodeURIComponent(id)}`);
  }

  activate(id: string): Observable<ModelDetail> {
    return this.http.post<ModelDetail>(`${this.base}/${encodeURIComponent(id)}/activate`, {});
  }
}
