import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { catchError, forkJoin, of } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { ModelDetail, ModelSummary, ModelsApi } from './models-api';
import { METRICS, MIN_ANSWERED, TRAIT_ORDER, activationWarnings, answeredCount, answeredNote, comparedDelta, confusionGrid, formatMetric, meanMetric, metricsSource, traitLabel, unlearntLines } from './model-metrics';

/**
 * Model registry: every model with headline metrics, the detail of one (per-trait metrics, the confusion matrix as a
 * table shaded like a heat map with the count in every cell, training data balance, provenance), two models side by
 * side, and activate / roll back with a confirmation. The active model is one pointer; API processes switch to it
 * within a few seconds.
 */
@Component({
  selector: 'app-models-page',
  imports: [DatePipe, MatButtonModule, MatButtonToggleModule, MatCheckboxModule, MatIconModule, MatProgressBarModule],
  templateUrl: './models-page.html',
  styleUrl: './models-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelsPage {
  private readonly api = inject(ModelsApi);

  /** `?model=<id>` opens that model's detail (links from the training page). */
  readonly model = input<string | undefined>();

  readonly metricsDef = METRICS;
  readonly traitLabel = traitLabel;
  readonly minAnswered = MIN_ANSWERED;
  readonly formatMetric = formatMetric;
  readonly metricsSource = metricsSource;
  /** the confusion matrix's colour-scale steps above zero, for its legend */
  readonly heatLevels = [1, 2, 3, 4];

  readonly models = signal<ModelSummary[]>([]);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly detail = signal<ModelDetail | null>(null);
  readonly detailLoading = signal(false);
  readonly detailError = signal<string | null>(null);
  readonly heatTrait = signal<string | null>(null);
  readonly compareIds = signal<string[]>([]);
  readonly confirming = signal<ModelSummary | null>(null);
  /** what the admin should know before the switch (null while it is being checked) */
  readonly confirmWarnings = signal<string[] | null>(null);
  readonly activating = signal(false);
  readonly notice = signal<string | null>(null);

  readonly active = computed(() => this.models().find((m) => m.isActive) ?? null);
  /** Traits that any model has metrics for, in vocabulary order. */
  readonly traits = computed(() => {
    const seen = new Set(this.models().flatMap((m) => Object.keys(m.metrics ?? {})));
    return TRAIT_ORDER.filter((t) => seen.has(t));
  });
  readonly detailTraits = computed(() => TRAIT_ORDER.filter((t) => this.detail()?.metrics?.[t]));
  readonly activeHeatTrait = computed(() => {
    const t = this.heatTrait();
    const all: string[] = this.detailTraits().filter((x) => this.detail()?.metrics[x]?.confusion);
    return t && all.includes(t) ? t : (all.includes('colour') ? 'colour' : (all[0] ?? null));
  });
  readonly confusion = computed(() => {
    const t = this.activeHeatTrait();
    return t ? confusionGrid(this.detail()?.metrics[t]?.confusion) : null;
  });
  /** what the open model cannot answer (breeders see the same on their results) */
  readonly unlearnt = computed(() => unlearntLines(this.detail()));
  readonly balance = computed(() => {
    const per = this.detail()?.datasetSummary?.perTrait ?? {};
    return TRAIT_ORDER.filter((t) => per[t]).map((t) => ({
      trait: t,
      values: Object.entries(per[t]).sort((a, b) => b[1] - a[1]).map(([v, n]) => ({ value: v === 'true' ? 'yes' : v === 'false' ? 'no' : v, n })),
    }));
  });
  readonly compared = computed(() => {
    const ids = this.compareIds();
    if (ids.length !== 2) return null;
    const picked = ids.map((id) => this.models().find((m) => m.id === id));
    if (!picked[0] || !picked[1]) return null;
    // A is the older model, B the newer: the change column reads as "what the newer model changes", whichever was
    // ticked first (a thumbs-up then always means the newer one is better)
    const [a, b] = [...(picked as ModelSummary[])].sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt));
    const answered = (m: ModelSummary, t: string) => {
      const c = answeredCount(m.metrics[t]);
      return c ? `${c.answered} of ${c.scored}` : '—';
    };
    const rows = this.traits().flatMap((t) => [
      { trait: t, metric: 'Answered (of test photos)', a: answered(a, t), b: answered(b, t), delta: { text: '', better: null, fewAnswers: false } },
      ...METRICS.filter((m) => m.key !== 'n').map((m) => {
        // with no answer at all only the "not sure" rate means something (an ECE of 0.000 from nothing does not)
        const shown = (x: ModelSummary) => (m.key !== 'abstentionRate' && answeredCount(x.metrics[t])?.answered === 0 ? undefined : x.metrics[t]);
        return {
          trait: t,
          metric: m.label,
          a: formatMetric(shown(a)?.[m.key], m.format),
          b: formatMetric(shown(b)?.[m.key], m.format),
          delta: comparedDelta(shown(a), shown(b), m),
        };
      }),
    ]);
    return { a, b, rows };
  });

  constructor() {
    this.load();
    effect(() => {
      const id = this.model();
      if (id) untracked(() => this.open(id));
    });
  }

  load(): void {
    this.loading.set(true);
    this.api.list().subscribe({
      next: (list) => {
        this.loading.set(false);
        this.error.set(null);
        this.models.set(list);
      },
      error: (err) => {
        this.loading.set(false);
        this.error.set(describeHttpError(err));
      },
    });
  }

  open(id: string): void {
    this.detailLoading.set(true);
    this.detailError.set(null);
    this.api.detail(id).subscribe({
      next: (d) => {
        this.detailLoading.set(false);
        this.detail.set(d);
        setTimeout(() => {
          // Keyboard: focus moves to the card's heading (the Details button is scrolled out of view).
          document.getElementById('detail-title')?.focus({ preventScroll: true });
          document.getElementById('model-detail')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        });
      },
      error: (err) => {
        this.detailLoading.set(false);
        this.detailError.set(describeHttpError(err));
      },
    });
  }

  /** Closes the details card; focus goes back to that model's Details button (it would be lost on the page). */
  closeDetail(): void {
    const id = this.detail()?.id;
    this.detail.set(null);
    if (id === undefined) return;
    setTimeout(() => {
      const button = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="models-table"] [data-testid="model-details"]')).find(
        (b) => b.closest<HTMLElement>('tr[data-model-id]')?.dataset['modelId'] === id,
      );
      button?.focus();
    });
  }

  toggleCompare(id: string, checked: boolean): void {
    const cur = this.compareIds().filter((x) => x !== id);
    this.compareIds.set(checked ? [...cur, id].slice(-2) : cur);
  }

  /** Activating a model older than the active one is a roll back. */
  isRollback(m: ModelSummary): boolean {
    const a = this.active();
    return !!a && Date.parse(m.createdAt) < Date.parse(a.createdAt);
  }

  /** the Activate / Roll back button that asked: focus goes back to it when the question is cancelled */
  private activateOpener: HTMLElement | null = null;

  askActivate(m: ModelSummary): void {
    this.notice.set(null);
    this.confirming.set(m);
    this.activateOpener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Keyboard and screen readers: the question appears above the table, so take focus to it (its title is read)
    setTimeout(() => document.getElementById('confirm-title')?.focus());
    this.confirmWarnings.set(null);
    const active = this.active();
    forkJoin([this.api.detail(m.id), active && active.id !== m.id ? this.api.detail(active.id) : of(null)])
      .pipe(catchError(() => of(null)))
      .subscribe((pair) => {
        if (this.confirming()?.id !== m.id) return;
        this.confirmWarnings.set(pair ? activationWarnings(pair[0], pair[1]) : []);
      });
  }

  cancelActivate(): void {
    this.confirming.set(null);
    const opener = this.activateOpener;
    this.activateOpener = null;
    setTimeout(() => (opener?.isConnected ? opener : document.getElementById('models-title'))?.focus());
  }

  confirmActivate(): void {
    const m = this.confirming();
    if (!m) return;
    this.activating.set(true);
    this.api.activate(m.id).subscribe({
      next: (d) => {
        this.activating.set(false);
        this.confirming.set(null);
        this.activateOpener = null;
        this.notice.set(`“${d.name}” is now the active model. Predictions switch to it within a few seconds.`);
        setTimeout(() => document.querySelector<HTMLElement>('[data-testid="models-notice"]')?.focus());
        this.models.update((list) => list.map((x) => ({ ...x, isActive: x.id === d.id })));
        if (this.detail()?.id === d.id) this.detail.set(d);
        else if (this.detail()) this.detail.update((cur) => (cur ? { ...cur, isActive: false, activatedAt: null, activatedBy: null } : cur));
      },
      error: (err) => {
        this.activating.set(false);
        this.cancelActivate();
        this.error.set(describeHttpError(err));
      },
    });
  }

  headline(m: ModelSummary, trait: string): string {
    return formatMetric(m.metrics?.[trait]?.['accuracy'], 'percent');
  }

  /** "1 of 6 answered" under an accuracy that rests on few answers. */
  answeredNote(m: ModelSummary, trait: string): string | null {
    return answeredNote(m.metrics?.[trait]);
  }

  meanMacroF1(m: ModelSummary): string {
    return formatMetric(meanMetric(m.metrics, 'macroF1'), 'number');
  }

  /** The run's mean test accuracy; for a model without one (the bundled starter), the mean of its per-trait accuracies. */
  meanAccuracy(d: ModelDetail): string {
    return formatMetric(meanMetric(d.metrics, 'accuracy') ?? (typeof d.accuracy === 'number' ? d.accuracy : null), 'percent');
  }

  trainingSize(m: ModelSummary): string {
    const n = m.datasetSummary?.total ?? m.datasetSummary?.samples;
    return typeof n === 'number' ? n.toLocaleString('en-GB') : '—';
  }

  metricValue(trait: string, key: string, format: 'percent' | 'number' | 'int'): string {
    return formatMetric(this.detail()?.metrics?.[trait]?.[key], format);
  }
}
