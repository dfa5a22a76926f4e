import { HttpClient, HttpEvent, HttpEventType } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, filter, map } from 'rxjs';
import { CreatedPrediction, CurrentModelView, FeedbackRequest, Prediction } from '../shared/models/prediction';
import { answerTokenFor, rememberMyResult } from './my-results';

/** Upload progress as the page needs it: bytes going up, then waiting for the model, then the answer. */
export type UploadEvent =
  | { kind: 'progress'; loaded: number; total: number | null }
  | { kind: 'analysing' }
  | { kind: 'done'; prediction: Prediction };

/** The public predictions API (breeder area). */
@Injectable({ providedIn: 'root' })
export class PredictionsApi {
  private readonly http = inject(HttpClient);

  /** `POST /api/predictions` (multipart field `image`) with upload progress. */
  upload(file: File): Observable<UploadEvent> {
    const body = new FormData();
    body.append('image', file, file.name);
    return this.http
      .post<CreatedPrediction>('/api/predictions', body, { reportProgress: true, observe: 'events' })
      .pipe(
        map((event: HttpEvent<CreatedPrediction>): UploadEvent | null => {
          switch (event.type) {
            case HttpEventType.UploadProgress: {
              const total = event.total ?? null;
              return total !== null && event.loaded >= total
                ? { kind: 'analysing' }
                : { kind: 'progress', loaded: event.loaded, total };
            }
            case HttpEventType.ResponseHeader:
              return { kind: 'analysing' };
            case HttpEventType.Response: {
              const { answerToken, ...prediction } = event.body as CreatedPrediction;
              rememberMyResult(prediction.id, answerToken);
              return { kind: 'done', prediction };
            }
            default:
              return null;
          }
        }),
        filter((e): e is UploadEvent => e !== null),
      );
  }

  /** `GET /api/model`: what the model answering breeders can tell. */
  currentModel(): Observable<CurrentModelView> {
    return this.http.get<CurrentModelView>('/api/model');
  }

  get(id: string): Observable<Prediction> {
    return this.http.get<Prediction>(`/api/predictions/${encodeURIComponent(id)}`);
  }

  sendFeedback(id: string, feedback: FeedbackRequest): Observable<Prediction> {
    const answerToken = answerTokenFor(id) ?? undefined;
    return this.http.post<Prediction>(`/api/predictions/${encodeURIComponent(id)}/feedback`, { ...feedback, ...(answerToken ? { answerToken } : {}) });
  }
}
