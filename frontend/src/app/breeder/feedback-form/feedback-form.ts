import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { describeHttpError } from '../../core/http/http-error';
import { ColourSwatch } from '../../shared/colour-swatch/colour-swatch';
import { CoatColour, CoatPattern, Prediction, TraitCorrection } from '../../shared/models/prediction';
import { Vocabulary, findTrait } from '../../shared/models/vocabulary';
import { PredictionsApi } from '../predictions-api';

type FeedbackState =
  | { step: 'ask' }
  | { step: 'correct' }
  | { step: 'sending'; accepted: boolean }
  | { step: 'done'; already: boolean; accepted: boolean | null }
  | { step: 'error'; message: string; accepted: boolean };

/** "Is this right?" — yes, or no with optional corrections in the same vocabulary. */
@Component({
  selector: 'app-feedback-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    ColourSwatch,
  ],
  templateUrl: './feedback-form.html',
  styleUrl: './feedback-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FeedbackForm {
  readonly prediction = input.required<Prediction>();
  readonly vocabulary = input.required<Vocabulary>();
  readonly saved = output<Prediction>();

  private readonly api = inject(PredictionsApi);
  private readonly injector = inject(Injector);
  private readonly fb = inject(FormBuilder).nonNullable;

  /** Resets when another prediction is shown; starts as "done" when feedback was already given. */
  protected readonly state = linkedSignal<Prediction, FeedbackState>({
    source: this.prediction,
    computation: (p, previous) => {
      if (previous?.value.step === 'done' && previous.source.id === p.id) return previous.value;
      return p.feedback ? { step: 'done', already: true, accepted: p.feedback.accepted } : { step: 'ask' };
    },
  });

  protected readonly colours = computed(() => findTrait(this.vocabulary(), 'colour')?.values ?? []);
  protected readonly patterns = computed(() => findTrait(this.vocabulary(), 'pattern')?.values ?? []);
  protected readonly labels = computed(() => ({
    is_cat: findTrait(this.vocabulary(), 'is_cat')?.displayName ?? 'Cat in photo',
    colour: findTrait(this.vocabulary(), 'colour')?.displayName ?? 'Colour',
    pattern: findTrait(this.vocabulary(), 'pattern')?.displayName ?? 'Pattern',
    is_tabby: findTrait(this.vocabulary(), 'is_tabby')?.displayName ?? 'Tabby',
    is_pointed: findTrait(this.vocabulary(), 'is_pointed')?.displayName ?? 'Colourpoint',
  }));

  protected readonly form = this.fb.group({
    is_cat: true,
    colour: 'other' as CoatColour,
    pattern: 'self' as CoatPattern,
    is_tabby: false,
    is_pointed: false,
  });

  private readonly correctionStart = viewChild<ElementRef<HTMLElement>>('correctionTitle');
  private readonly doneBox = viewChild<ElementRef<HTMLElement>>('doneBox');

  protected swatchOf(value: string): string | null {
    return this.colours().find((c) => c.value === value)?.swatch ?? null;
  }

  protected colourName(value: string): string {
    return this.colours().find((c) => c.value === value)?.displayName ?? value;
  }

  protected yes(): void {
    this.send(true);
  }

  protected no(): void {
    const t = this.prediction().traits;
    // Start from the model's answers (a sensible default where it gave none); only what the breeder
    // then changes is sent, so an untouched toggle never claims "not tabby" on the breeder's behalf.
    this.form.reset({
      is_cat: t.is_cat.value ?? true,
      colour: t.colour.value ?? 'other',
      pattern: t.pattern.value ?? 'self',
      is_tabby: t.is_tabby.value ?? false,
      is_pointed: t.is_pointed.value ?? false,
    });
    this.state.set({ step: 'correct' });
    afterNextRender(() => this.correctionStart()?.nativeElement.focus(), { injector: this.injector });
  }

  protected back(): void {
    this.state.set({ step: 'ask' });
  }

  protected sendCorrection(): void {
    this.send(false, this.correction());
  }

  protected retry(): void {
    const s = this.state();
    if (s.step === 'error') this.send(s.accepted, s.accepted ? undefined : this.correction());
  }

  /** Only the fields the breeder changed; when they say "no cat", coat fields are not sent. */
  private correction(): TraitCorrection | undefined {
    const t = this.prediction().traits;
    const f = this.form.controls;
    const v = this.form.getRawValue();
    const c: TraitCorrection = {};
    if (f.is_cat.dirty && v.is_cat !== t.is_cat.value) c.is_cat = v.is_cat;
    if (v.is_cat) {
      if (f.colour.dirty && v.colour !== t.colour.value) c.colour = v.colour;
      if (f.pattern.dirty && v.pattern !== t.pattern.value) c.pattern = v.pattern;
      if (f.is_tabby.dirty && v.is_tabby !== t.is_tabby.value) c.is_tabby = v.is_tabby;
      if (f.is_pointed.dirty && v.is_pointed !== t.is_pointed.value) c.is_pointed = v.is_pointed;
    }
    return Object.keys(c).length ? c : undefined;
  }

  private send(accepted: boolean, correction?: TraitCorrection): void {
    this.state.set({ step: 'sending', accepted });
    this.api.sendFeedback(this.prediction().id, correction ? { accepted, correction } : { accepted }).subscribe({
      next: (updated) => {
        this.state.set({ step: 'done', already: false, accepted });
        this.focusDone();
        this.saved.emit(updated);
      },
      error: (err: unknown) => {
        if (err instanceof HttpErrorResponse && err.status === 409) {
          this.state.set({ step: 'done', already: true, accepted: null });
          this.focusDone();
        } else {
          this.state.set({ step: 'error', message: describeHttpError(err), accepted });
        }
      },
    });
  }

  private focusDone(): void {
    afterNextRender(() => this.doneBox()?.nativeElement.focus(), { injector: this.injector });
  }
}
