import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Observable, catchError, of, shareReplay, tap } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { Vocabulary } from '../models/vocabulary';

/**
 * The trait vocabulary, loaded once per app session and cached.
 * `vocabulary()` is null until loaded (or when loading failed; `error()` then says why).
 */
@Injectable({ providedIn: 'root' })
export class VocabularyApi {
  private readonly http = inject(HttpClient);
  private readonly state = signal<Vocabulary | null>(null);
  private readonly failure = signal<string | null>(null);
  private request$: Observable<Vocabulary | null> | null = null;

  readonly vocabulary = this.state.asReadonly();
  readonly error = this.failure.asReadonly();

  /** Loads the vocabulary (once); emits null when it could not be loaded. */
  load(): Observable<Vocabulary | null> {
    if (!this.request$) {
      this.request$ = this.http.get<Vocabulary>('/api/vocabulary').pipe(
        tap((v) => {
          this.state.set(v);
          this.failure.set(null);
        }),
        catchError((err) => {
          this.failure.set(describeHttpError(err));
          this.request$ = null; // allow a later retry
          return of(null);
        }),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.request$;
  }
}
