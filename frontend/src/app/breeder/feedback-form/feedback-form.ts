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
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
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
import { toldUs } from './told-us';
import { isMyResult } from '../my-results';

type FeedbackState =
  | { step: 'ask' }
  /** `confirming`: the breeder said "yes" and is filling in what the model was not sure of */
  | { step: 'correct'; confirming: boolean }
  | { step: 'sending'; accepted: boolean }
  | { step: 'done'; already: boolean; accepted: boolean | null }
  | { step: 'error'; message: string; accepted: boolean; correction?: TraitCorrection };

/** "Is this right?" — yes, or no with optional corrections in the same vocabulary. */
@Component({
  selector: 'app-feedback-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
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

  /** null = "don't know": the breeder leaves that trait as it is (and nothing about it is sent). */
  protected readonly form = this.fb.group({
    is_cat: true,
    colour: null as CoatColour | null,
    pattern: null as CoatPattern | null,
    is_tabby: null as boolean | null,
    is_pointed: null as boolean | null,
  });

  /** the yes/no traits of the correction form, each with a reminder of what it means */
  protected readonly yesNoTraits = [
    { trait: 'is_tabby', hint: 'tabby markings' },
    { trait: 'is_pointed', hint: 'darker face, ears, legs, tail' },
  ] as const;

  private readonly correctionStart = viewChild<ElementRef<HTMLElement>>('correctionTitle');
  private readonly doneBox = viewChild<ElementRef<HTMLElement>>('doneBox');
  private readonly yesButton = viewChild('yesButton', { read: ElementRef<HTMLElement> });
  /** the form's values as a signal, so the template can tell when a sure answer was changed */
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /** After "yes": the breeder changed one of the model's sure answers, so what is sent is a correction. */
  protected readonly changesSureAnswer = computed(() => {
    this.formValue();
    const t = this.prediction().traits;
    return Object.keys(this.correction() ?? {}).some((k) => !t[k as keyof typeof t].unsure);
  });

  /** whether the model was sure of any coat trait (else "glad we got it right" would thank for nothing) */
  protected readonly hadSureAnswer = computed(() => {
    const t = this.prediction().traits;
    return t.is_cat.value === false || (['colour', 'pattern', 'is_tabby', 'is_pointed'] as const).some((n) => !t[n].unsure && t[n].value !== null);
  });

  /** What the breeder told us, in words ("Colour: Black", "White pattern: Bicolour"), shown after sending and on later visits. */
  protected readonly toldUs = computed(() => toldUs(this.prediction().feedback?.correction, this.vocabulary()));

  protected swatchOf(value: string | null): string | null {
    return this.colours().find((c) => c.value === value)?.swatch ?? null;
  }

  protected colourName(value: string | null): string {
    return this.colours().find((c) => c.value === value)?.displayName ?? value ?? '';
  }

  /** Coat traits of a cat the model was not sure of, in the vocabulary's words ("White pattern"), for "yes". */
  protected readonly unsureTraits = computed(() => {
    const t = this.prediction().traits;
    if (t.is_cat.value === false) return [];
    return (['colour', 'pattern', 'is_tabby', 'is_pointed'] as const).filter((name) => t[name].unsure).map((name) => this.labels()[name]);
  });

  /** Whether this browser asked for (or answered) this result: its owner reads "you", anyone else "the owner". */
  protected readonly mine = computed(() => isMyResult(this.prediction().id));

  /** What it could not tell, in one sentence that keeps "has not learnt" apart from "was not sure of". */
  protected readonly couldNotTell = computed(() => {
    const t = this.prediction().traits;
    if (t.is_cat.value === false) return '';
    const names = (['colour', 'pattern', 'is_tabby', 'is_pointed'] as const).filter((n) => t[n].unsure);
    const words = (list: readonly (typeof names)[number][], conjunction: string) => {
      const w = list.map((n) => this.labels()[n].toLowerCase());
      return w.length <= 1 ? (w[0] ?? '') : `${w.slice(0, -1).join(', ')} ${conjunction} ${w[w.length - 1]}`;
    };
    const untrained = names.filter((n) => t[n].reason === 'untrained');
    const notSure = names.filter((n) => t[n].reason !== 'untrained');
    const parts = [
      ...(untrained.length ? [`it has not learnt the ${words(untrained, 'or')} yet`] : []),
      ...(notSure.length ? [`it was not sure of the ${words(notSure, 'and')}`] : []),
    ];
    return parts.length ? `${parts.join('; ')}.` : '';
  });

  /** "Yes": sent at once, unless the model was not sure of something: then the breeder may fill that in first. */
  protected yes(): void {
    if (this.unsureTraits().length) this.openForm(true);
    else this.send(true);
  }

  /** Skips filling in: the model's answers were right, and the breeder does not know the rest either. */
  protected skip(): void {
    this.send(true);
  }

  protected no(): void {
    this.openForm(false);
  }

  private openForm(confirming: boolean): void {
    const t = this.prediction().traits;
    // Start from the model's sure answers, and "don't know" where it was not sure (a best guess is not shown as
    // an answer): what the breeder then sets is exactly what is sent.
    const sure = <T>(p: { value: T | null; unsure: boolean }): T | null => (p.unsure ? null : p.value);
    this.form.reset({
      is_cat: t.is_cat.value ?? true,
      colour: sure(t.colour),
      pattern: sure(t.pattern),
      is_tabby: sure(t.is_tabby),
      is_pointed: sure(t.is_pointed),
    });
    this.openedWith = JSON.stringify(this.form.getRawValue());
    this.unchanged.set(false);
    this.state.set({ step: 'correct', confirming });
    afterNextRender(() => this.correctionStart()?.nativeElement.focus(), { injector: this.injector });
  }

  /** the form's values when it opened: a "no" that changes none of them says nothing the model can learn from */
  private openedWith = '';
  /** "Send correction" was pressed on a "no" that changed nothing */
  protected readonly unchanged = signal(false);

  protected back(): void {
    this.state.set({ step: 'ask' });
    afterNextRender(() => this.yesButton()?.nativeElement.focus(), { injector: this.injector });
  }

  /**
   * After "yes", what the breeder filled in is sent with accepted:true, unless they also changed one of the
   * model's sure answers: then it was not right after all.
   */
  protected sendCorrection(): void {
    const s = this.state();
    if (s.step === 'correct' && !s.confirming && JSON.stringify(this.form.getRawValue()) === this.openedWith) {
      this.unchanged.set(true); // say what to do instead of sending a "no" without a correction
      return;
    }
    this.send(s.step === 'correct' && s.confirming && !this.changesSureAnswer(), this.correction());
  }

  protected retry(): void {
    const s = this.state();
    if (s.step === 'error') this.send(s.accepted, s.correction);
  }

  /**
   * What the breeder set: a value different from the model's sure answer, or any value where the model was not
   * sure (confirming a best guess is news too); "don't know" sends nothing for that trait. When they say "no cat",
   * coat fields are not sent. Where the model was not sure whether this is a cat, the cat switch counts only once
   * the breeder has touched it.
   */
  private correction(): TraitCorrection | undefined {
    const t = this.prediction().traits;
    const v = this.form.getRawValue();
    const c: TraitCorrection = {};
    if (v.is_cat !== t.is_cat.value && (t.is_cat.value !== null || this.form.controls.is_cat.dirty)) c.is_cat = v.is_cat;
    if (v.is_cat) {
      const news = <T>(value: T | null, p: { value: T | null; unsure: boolean }) => value !== null && (p.unsure || value !== p.value);
      if (news(v.colour, t.colour)) c.colour = v.colour!;
      if (news(v.pattern, t.pattern)) c.pattern = v.pattern!;
      if (news(v.is_tabby, t.is_tabby)) c.is_tabby = v.is_tabby!;
      if (news(v.is_pointed, t.is_pointed)) c.is_pointed = v.is_pointed!;
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
          this.state.set({ step: 'error', message: describeHttpError(err), accepted, correction });
        }
      },
    });
  }

  private focusDone(): void {
    afterNextRender(() => this.doneBox()?.nativeElement.focus(), { injector: this.injector });
  }
}
