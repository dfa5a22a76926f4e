import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ModelDetail, ModelSummary } from '@api/contracts/models';

export type { ConfusionMatrix, ModelDetail, ModelSummary } from '@api/contracts/models';

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
