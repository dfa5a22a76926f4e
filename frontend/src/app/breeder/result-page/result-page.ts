import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Observable, catchError, map, of, startWith, switchMap } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { Prediction } from '../../shared/models/prediction';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { ConfidenceBar } from '../../shared/confidence-bar/confidence-bar';
import { ColourSwatch } from '../../shared/colour-swatch/colour-swatch';
import { ImageTile } from '../../shared/image-tile/image-tile';
import { TraitChip } from '../../shared/trait-chip/trait-chip';
import { VocabularyApi } from '../../shared/vocabulary/vocabulary-api';
import { FeedbackForm } from '../feedback-form/feedback-form';
import { PredictionsApi } from '../predictions-api';
import { toldUs } from '../feedback-form/told-us';
import { isMyResult } from '../my-results';
import { buildTraitRows, codeNote, explainCode, headlineWithoutColour } from './trait-rows';

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; prediction: Prediction }
  | { status: 'error'; message: string; notFound: boolean };

/** `/result/:id`: the shareable result of one analysed photo, with explanations and feedback. */
@Component({
  selector: 'app-result-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    ConfidenceBar,
    ColourSwatch,
    ImageTile,
    TraitChip,
    FeedbackForm,
  ],
  templateUrl: './result-page.html',
  styleUrl: './result-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultPage {
  /** Route parameter (component input binding). */
  readonly id = input.required<string>();

  private readonly api = inject(PredictionsApi);
  private readonly vocabularyApi = inject(VocabularyApi);
  private readonly clipboard = inject(Clipboard);
  private readonly injector = inject(Injector);

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly copied = signal(false);
  protected readonly vocabulary = computed(() => this.vocabularyApi.vocabulary() ?? FALLBACK_VOCABULARY);
  protected readonly prediction = computed(() => {
    const s = this.state();
    return s.status === 'loaded' ? s.prediction : null;
  });
  protected readonly isCat = computed(() => this.prediction()?.traits.is_cat.value !== false);
  protected readonly rows = computed(() => {
    const p = this.prediction();
    return p ? buildTraitRows(p, this.vocabulary()) : [];
  });
  /** "Partial code: …" / "No EMS code yet: …" when the code leaves out what the model is not sure of */
  protected readonly codeNote = computed(() => codeNote(this.rows(), this.prediction()?.breederCode ?? null, this.prediction()?.traits.is_cat.unsure ?? false));
  protected readonly breed = computed(() => this.vocabulary().breed);
  protected readonly headlineWithoutColour = computed(() => headlineWithoutColour(this.rows()));
  /** The EMS code read back part by part (BSH British Shorthair, a Blue, 03 Bicolour). */
  protected readonly codeParts = computed(() => explainCode(this.prediction()?.breederCode ?? null, this.vocabulary()));
  protected readonly headline = viewChild<ElementRef<HTMLElement>>('headline');
  /** When the owner answered "no": what they told us instead, shown under the headline so a shared link says it too. */
  protected readonly ownerCorrection = computed(() => {
    const f = this.prediction()?.feedback;
    if (!f || f.accepted) return null;
    return { said: toldUs(f.correction, this.vocabulary()).join(', '), mine: isMyResult(this.prediction()!.id) };
  });
  private readonly title = inject(Title);

  constructor() {
    this.vocabularyApi.load().subscribe();
    toObservable(this.id)
      .pipe(
        switchMap((id) => this.load(id)),
        takeUntilDestroyed(),
      )
      .subscribe((s) => {
        this.state.set(s);
        if (s.status === 'error') this.title.setTitle(`${s.notFound ? 'Result not found' : 'Result not available'} — Cat Identifier`);
        if (s.status === 'loaded') {
          const cat = s.prediction.traits.is_cat.value !== false;
          this.title.setTitle(`${cat ? (s.prediction.breederName ?? 'Your cat’s coat') : 'No cat found'} — Cat Identifier`);
          afterNextRender(
            () => {
              const h = this.headline()?.nativeElement;
              h?.focus({ preventScroll: true });
              // only as far as needed: on a phone (or zoomed in) the answer comes into view, the photo stays above it
              h?.scrollIntoView?.({ block: 'nearest' });
            },
            { injector: this.injector },
          );
        }
      });
  }

  protected onFeedbackSaved(updated: Prediction): void {
    this.state.set({ status: 'loaded', prediction: updated });
  }

  protected copyLink(): void {
    this.copied.set(this.clipboard.copy(location.href));
    setTimeout(() => this.copied.set(false), 2500);
  }

  protected retry(): void {
    this.state.set({ status: 'loading' });
    this.load(this.id()).subscribe((s) => this.state.set(s));
  }

  private load(id: string): Observable<LoadState> {
    // Coming straight from the upload page, the router state carries the prediction: no second request.
    // Used once: the state is dropped so a reload (or a later visit) fetches the current result, with feedback.
    const fromUpload = (history.state as { prediction?: Prediction } | null)?.prediction;
    if (fromUpload?.id === id) {
      const { prediction: _used, ...rest } = history.state as Record<string, unknown>;
      history.replaceState(rest, '');
      return of<LoadState>({ status: 'loaded', prediction: fromUpload });
    }
    return this.api.get(id).pipe(
      map((prediction): LoadState => ({ status: 'loaded', prediction })),
      catchError((err: unknown) =>
        of<LoadState>({
          status: 'error',
          notFound: err instanceof HttpErrorResponse && err.status === 404,
          message:
            err instanceof HttpErrorResponse && err.status === 404
              ? 'We could not find this result. The link may be wrong, or the result was removed.'
              : describeHttpError(err),
        }),
      ),
      startWith<LoadState>({ status: 'loading' }),
    );
  }
}
