import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { DatePipe, DecimalPipe } from '@angular/common';
import { AbstractControl, FormGroupDirective, NgForm, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { LineChartModule } from '@swimlane/ngx-charts';
import { toSignal } from '@angular/core/rxjs-interop';
import { Subscription, forkJoin, map, takeWhile, timer, switchMap } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { LogEntry, TraitName, TrainingApi, TrainingRun } from './training-api';
import { epochSeries, epochTraits, formatDuration, runDurationSeconds } from './training-charts';
import { answeredCount } from '../models/model-metrics';
import {
  StartFormErrors,
  StartFormField,
  StartFormValue,
  TRAINING_LIMITS,
  TRAIT_OPTIONS,
  startBlockedReason,
  startFormErrors,
  thinTraitsToLeaveOut,
  toStartOptions,
} from './training-form';

const TRAITS = TRAIT_OPTIONS;
const LIVE = new Set(['queued', 'running']);
const POLL_MS = 1000;

/** The form is invalid exactly when the pure check finds something (the messages come from the same check). */
const startFormValidator: ValidatorFn = (group) => {
  const errors = startFormErrors(group.getRawValue() as StartFormValue);
  return Object.keys(errors).length ? { startForm: errors } : null;
};

/** Shows a field's message from the pure check as soon as the admin has edited the form (validate as they type). */
class StartFieldErrorMatcher implements ErrorStateMatcher {
  constructor(
    private readonly errors: () => StartFormErrors,
    private readonly field: StartFormField,
  ) {}

  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    const edited = !!(control?.parent?.dirty || control?.parent?.touched || form?.submitted);
    return edited && !!this.errors()[this.field];
  }
}

/**
 * Training: start a run (traits, shares, epochs cap, seed), follow the live one (stage, progress, ETA,
 * per-epoch curves, log console), cancel it, and browse the history of runs. Status is polled once a
 * second while a run is live (the API also offers SSE; polling keeps the bearer token in a header).
 */
@Component({
  selector: 'app-training-page',
  imports: [
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    LineChartModule,
  ],
  templateUrl: './training-page.html',
  styleUrl: './training-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrainingPage {
  private readonly api = inject(TrainingApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly destroyRef = inject(DestroyRef);
  private readonly logBox = viewChild<ElementRef<HTMLElement>>('logBox');

  readonly traitOptions = TRAITS;
  readonly formatDuration = formatDuration;
  readonly colors = ['#6d3f8c', '#d9822b'];
  readonly chartScheme = { name: 'training', selectable: false, group: 'Ordinal', domain: this.colors } as never;

  // start form
  readonly limits = TRAINING_LIMITS;
  readonly form = this.fb.group(
    {
      traits: this.fb.control<TraitName[]>(TRAITS.map((t) => t.value)),
      validationShare: this.fb.control<number | null>(TRAINING_LIMITS.validationShare.default),
      testShare: this.fb.control<number | null>(TRAINING_LIMITS.testShare.default),
      maxEpochs: this.fb.control<number | null>(TRAINING_LIMITS.maxEpochs.default),
      seed: this.fb.control<number | null>(null),
      name: this.fb.control(''),
    },
    { validators: startFormValidator },
  );
  private readonly formValue = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue() as StartFormValue)), {
    initialValue: this.form.getRawValue() as StartFormValue,
  });
  readonly selectedTraits = computed(() => new Set(this.formValue().traits));
  readonly formErrors = computed(() => startFormErrors(this.formValue()));
  readonly startBlocked = computed(() => startBlockedReason(this.formErrors()));
  readonly errorMatchers = {
    validationShare: new StartFieldErrorMatcher(this.formErrors, 'validationShare'),
    testShare: new StartFieldErrorMatcher(this.formErrors, 'testShare'),
    maxEpochs: new StartFieldErrorMatcher(this.formErrors, 'maxEpochs'),
    seed: new StartFieldErrorMatcher(this.formErrors, 'seed'),
    name: new StartFieldErrorMatcher(this.formErrors, 'name'),
  };
  readonly starting = signal(false);
  readonly startError = signal<string | null>(null);
  /**
   * After a refusal whose only problem is traits the labelled set cannot train yet: those traits, so the page can
   * offer to start without them in one click (null when that would leave nothing to train, or other problems remain).
   */
  readonly leaveOut = signal<{ traits: TraitName[]; label: string } | null>(null);

  // history + selected run
  readonly runs = signal<TrainingRun[]>([]);
  readonly historyError = signal<string | null>(null);
  readonly loadingHistory = signal(false);
  readonly run = signal<TrainingRun | null>(null);
  readonly runError = signal<string | null>(null);
  readonly logs = signal<LogEntry[]>([]);
  readonly chartTrait = signal<string | null>(null);
  readonly confirmingCancel = signal(false);
  readonly cancelling = signal(false);

  readonly liveRun = computed(() => this.runs().find((r) => LIVE.has(r.state)) ?? null);
  readonly isLive = computed(() => !!this.run() && LIVE.has(this.run()!.state));
  readonly traits = computed(() => epochTraits(this.run()?.epochs ?? []));
  readonly activeChartTrait = computed(() => {
    const chosen = this.chartTrait();
    const traits = this.traits();
    return chosen && traits.includes(chosen) ? chosen : (traits[traits.length - 1] ?? null);
  });
  readonly lossSeries = computed(() => (this.activeChartTrait() ? epochSeries(this.run()!.epochs, this.activeChartTrait()!, 'loss') : []));
  readonly accuracySeries = computed(() =>
    this.activeChartTrait() ? epochSeries(this.run()!.epochs, this.activeChartTrait()!, 'accuracy') : [],
  );
  readonly metricRows = computed(() =>
    Object.entries(this.run()?.metrics ?? {}).map(([trait, m]) => ({
      trait,
      label: traitLabel(trait),
      accuracy: fmt(m['accuracy'], true),
      balancedAccuracy: fmt(m['balancedAccuracy'], true),
      macroF1: fmt(m['macroF1'], false),
      ece: fmt(m['ece'], false),
      answered: answeredText(m),
    })),
  );

  private follow: Subscription | null = null;

  constructor() {
    this.loadHistory(true);
    this.destroyRef.onDestroy(() => this.follow?.unsubscribe());
  }

  toggleTrait(trait: TraitName, checked: boolean): void {
    const control = this.form.controls.traits;
    const others = control.value.filter((t) => t !== trait);
    control.setValue(checked ? [...others, trait] : others);
    control.markAsDirty();
  }

  start(): void {
    this.startError.set(null);
    this.leaveOut.set(null);
    if (this.form.invalid) {
      // Start is disabled while the form is invalid; this covers Enter in a field all the same.
      this.form.markAllAsTouched();
      return;
    }
    this.starting.set(true);
    this.api.start(toStartOptions(this.form.getRawValue())).subscribe({
      next: ({ id }) => {
        this.starting.set(false);
        this.select(id);
        this.loadHistory(false);
      },
      error: (err) => {
        this.starting.set(false);
        this.startError.set(describeHttpError(err));
        this.leaveOut.set(thinTraitsToLeaveOut(err, this.form.getRawValue().traits));
      },
    });
  }

  /** Unticks the traits the labelled set cannot train yet and starts the run with the others. */
  startWithout(traits: readonly TraitName[]): void {
    for (const t of traits) this.toggleTrait(t, false);
    this.start();
  }

  loadHistory(selectInitial: boolean): void {
    this.loadingHistory.set(true);
    this.api.list(50).subscribe({
      next: ({ items }) => {
        this.loadingHistory.set(false);
        this.historyError.set(null);
        this.runs.set(items);
        if (selectInitial && !this.run() && items.length) this.select((items.find((r) => LIVE.has(r.state)) ?? items[0]).id);
      },
      error: (err) => {
        this.loadingHistory.set(false);
        this.historyError.set(describeHttpError(err));
      },
    });
  }

  select(id: string): void {
    this.follow?.unsubscribe();
    this.confirmingCancel.set(false);
    this.runError.set(null);
    if (this.run()?.id !== id) {
      this.logs.set([]);
      this.run.set(null);
      this.chartTrait.set(null);
    }
    this.follow = timer(0, POLL_MS)
      .pipe(
        switchMap(() => {
          const last = this.logs().at(-1)?.seq;
          return forkJoin({ run: this.api.get(id), logs: this.api.logs(id, last) });
        }),
        takeWhile(({ run }) => LIVE.has(run.state), true),
      )
      .subscribe({
        next: ({ run, logs }) => {
          const wasLive = this.run()?.id === run.id && LIVE.has(this.run()!.state);
          this.run.set(run);
          if (logs.length) this.appendLogs(logs);
          this.runs.update((list) => list.map((r) => (r.id === run.id ? { ...run, epochs: [] } : r)));
          if (wasLive && !LIVE.has(run.state)) {
            // The last lines may be written after the last poll read the log: read what is left once.
            this.api.logs(run.id, this.logs().at(-1)?.seq).subscribe({ next: (rest) => rest.length && this.appendLogs(rest) });
            this.loadHistory(false);
          }
        },
        error: (err) => this.runError.set(describeHttpError(err)),
      });
  }

  askCancel(): void {
    this.confirmingCancel.set(true);
  }

  confirmCancel(): void {
    const run = this.run();
    if (!run) return;
    this.cancelling.set(true);
    this.api.cancel(run.id).subscribe({
      next: (view) => {
        this.cancelling.set(false);
        this.confirmingCancel.set(false);
        this.run.set(view);
        this.select(view.id);
      },
      error: (err) => {
        this.cancelling.set(false);
        this.confirmingCancel.set(false);
        this.runError.set(describeHttpError(err));
      },
    });
  }

  duration(run: TrainingRun): string {
    return formatDuration(runDurationSeconds(run.startedAt, run.finishedAt));
  }

  traitLabel(t: string): string {
    return traitLabel(t);
  }

  private appendLogs(entries: LogEntry[]): void {
    const box = this.logBox()?.nativeElement;
    const atBottom = !box || box.scrollTop + box.clientHeight >= box.scrollHeight - 24;
    this.logs.update((l) => [...l, ...entries]);
    if (atBottom) setTimeout(() => this.logBox()?.nativeElement.scrollTo({ top: 1e9 }));
  }
}

function fmt(v: number | undefined, percent: boolean): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return percent ? `${(v * 100).toFixed(1)} %` : v.toFixed(3);
}

function traitLabel(t: string): string {
  return TRAITS.find((x) => x.value === t)?.label ?? t;
}

/** "8 of 10": how many test photos the model answered (the rest were "not sure"); accuracy is over the answered. */
function answeredText(m: Record<string, unknown>): string {
  const c = answeredCount(m);
  return c ? `${c.answered} of ${c.scored}` : '—';
}
