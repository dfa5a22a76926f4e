import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { BarChartModule, HeatMapModule } from '@swimlane/ngx-charts';
import { Subscription, forkJoin, timer, switchMap, takeWhile } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { findValue } from '../../shared/models/vocabulary';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { VocabularyApi } from '../../shared/vocabulary/vocabulary-api';
import { ChartCard, TableColumn } from './chart-card/chart-card';
import { balanceColours, barGroup, seriesColours } from './chart-data';
import { DashboardsApi, ModelsReport, PredictionsReport, ReportFilters, SnapshotRun, TrainingImagesReport } from './dashboards-api';

type Trait = ReportFilters['trait'];
const TRAITS: Array<{ value: Trait; label: string }> = [
  { value: 'colour', label: 'Colour' },
  { value: 'pattern', label: 'Pattern' },
  { value: 'is_tabby', label: 'Tabby' },
  { value: 'is_pointed', label: 'Colourpoint' },
  { value: 'is_cat', label: 'Is a cat' },
];
const SOURCES = [
  { value: 'zip', label: 'ZIP import' },
  { value: 'upload', label: 'Upload' },
  { value: 'web-search', label: 'Web search' },
  { value: 'prediction-review', label: 'Prediction review' },
];
/** The admin's name of an image source, as the Training images table shows it ("ZIP import", not "zip"). */
export function sourceLabel(source: string): string {
  return SOURCES.find((s) => s.value === source)?.label ?? source;
}
const NO_SNAPSHOT = 'No snapshot yet — press “Refresh now” to take one.';
const BLUE = '#3f6ad8';
const ORANGE = '#d9822b';
const GREY = '#8a94a6';
const GREEN = '#2e7d32';
const RED = '#c62828';
const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);

/** Human value of a group key: booleans read as yes/no. */
export function valueLabel(key: string): string {
  return key === 'true' ? 'yes' : key === 'false' ? 'no' : key;
}

/** How long ago a snapshot was taken, in words: "just now", "12 minutes ago", "3 hours ago", "2 days ago". */
export function snapshotAge(takenAt: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(takenAt).getTime()) / 60_000));
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return 'just now';
  const [n, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}

/** A predicted value: no value ('unknown' in the warehouse) is a "not sure" answer; by a coat trait, predictions that found no cat are their own group. */
export function predictedValueLabel(key: string): string {
  if (key === 'not-a-cat') return 'not a cat';
  return key === 'unknown' ? 'not sure' : valueLabel(key);
}

/**
 * Admin dashboards over the reporting warehouse: training set, models, real world.
 * Every chart shows its numbers in a table beside it (with CSV); the filters re-query every chart.
 */
@Component({
  selector: 'app-dashboards-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    BarChartModule,
    HeatMapModule,
    ChartCard,
  ],
  templateUrl: './dashboards-page.html',
  styleUrl: './dashboards-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardsPage {
  private readonly api = inject(DashboardsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly vocabularyApi = inject(VocabularyApi);

  readonly traits = TRAITS;
  readonly sources = SOURCES;
  readonly filters = signal<ReportFilters>({ from: null, to: null, source: null, model: null, trait: 'colour' });
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly training = signal<TrainingImagesReport | null>(null);
  readonly models = signal<ModelsReport | null>(null);
  readonly predictions = signal<PredictionsReport | null>(null);
  readonly lastSnapshot = signal<SnapshotRun | null>(null);
  /** Models known to the warehouse (unfiltered), for the model filter. */
  readonly modelOptions = signal<Array<{ modelId: string; name: string }>>([]);

  readonly refreshing = signal<{ percent: number; message: string } | null>(null);
  readonly refreshError = signal<string | null>(null);
  readonly confirmingDelete = signal(false);
  readonly deleting = signal(false);
  readonly deleteResult = signal<string | null>(null);
  readonly deleteRange = signal<{ from: string | null; to: string | null }>({ from: null, to: null });

  private loadSub: Subscription | null = null;
  private jobSub: Subscription | null = null;

  readonly traitLabel = computed(() => TRAITS.find((t) => t.value === this.filters().trait)?.label ?? 'Trait');
  readonly noSnapshot = computed(() => !this.loading() && !this.training()?.latestDate && !this.predictions()?.latestDate && !this.models()?.latestDate);

  // ---- training set -----------------------------------------------------------------------------
  readonly sizeBars = computed(() =>
    (this.training()?.series ?? []).map((r) => ({ name: r.date, series: [{ name: 'Labelled', value: r.labelled }, { name: 'Unlabelled', value: r.unlabelled }] })),
  );
  readonly balanceBars = computed(() => (this.training()?.groups ?? []).map((g) => ({ name: valueLabel(g.key), value: g.count })));
  /** Coat-colour bars in their own swatch (server vocabulary first, built-in copy as fallback). */
  readonly balanceColours = computed(() => {
    const vocabulary = this.vocabularyApi.vocabulary();
    const swatch = (v: string) => (findValue(vocabulary, 'colour', v) ?? findValue(FALLBACK_VOCABULARY, 'colour', v))?.swatch;
    return balanceColours(this.filters().trait, this.balanceBars().map((b) => b.name), swatch, BLUE);
  });
  readonly balanceRows = computed(() => (this.training()?.groups ?? []).map((g) => ({ value: valueLabel(g.key), count: g.count, share: g.share })));
  readonly sourceBars = computed(() =>
    (this.training()?.bySource ?? []).map((s) => ({ name: sourceLabel(s.source), series: [{ name: 'Labelled', value: s.labelled }, { name: 'Unlabelled', value: s.unlabelled }] })),
  );
  readonly sourceRows = computed(() => (this.training()?.bySource ?? []).map((s) => ({ ...s, source: sourceLabel(s.source), total: s.labelled + s.unlabelled })));
  readonly cellsHeat = computed(() => {
    const cells = this.training()?.thinnestCells ?? [];
    const colours = [...new Set(cells.map((c) => c.colour))];
    return colours.map((colour) => ({ name: colour, series: cells.filter((c) => c.colour === colour).map((c) => ({ name: c.pattern, value: c.count })) }));
  });
  readonly thinnestRows = computed(() => (this.training()?.thinnestCells ?? []).map((c) => ({ cell: `${c.colour} ${c.pattern}`, count: c.count })));

  // ---- models -----------------------------------------------------------------------------------
  /** Models with a training-time accuracy or loss (the bundled starter has neither: it was not trained here). */
  readonly modelBars = computed(() =>
    (this.models()?.models ?? []).filter((m) => m.accuracy !== null || m.loss !== null).map((m) =>
      barGroup(this.shortName(m.name, m.modelId), [
        { name: 'Accuracy', value: m.accuracy },
        { name: 'Loss', value: m.loss },
      ]),
    ),
  );
  readonly modelRows = computed(() =>
    (this.models()?.models ?? []).map((m) => ({ model: m.name + (m.isActive ? ' (active)' : ''), trained: m.trainingEndedDate, accuracy: m.accuracy, loss: m.loss })),
  );
  readonly activeModelName = computed(() => this.models()?.models.find((m) => m.isActive)?.name ?? null);
  /** The starter's metrics are cross-validated on its own photos, a trained model's come from its test split. */
  readonly testMetricsSubtitle = computed(() =>
    this.models()?.models.find((m) => m.isActive)?.isStarter
      ? 'Active model (the bundled starter): 5-fold cross-validation on the photos it was trained on (%, over the photos it answered)'
      : 'Active model, held-out test set (%, over the photos it answered)',
  );
  readonly testMetricBars = computed(() =>
    (this.models()?.activeModelTestMetrics ?? []).map((t) =>
      barGroup(this.traitName(t.trait), [
        { name: 'Accuracy', value: pct(t.accuracy) },
        { name: 'Balanced accuracy', value: pct(t.balancedAccuracy) },
        { name: 'Macro F1', value: pct(t.macroF1) },
      ]),
    ),
  );
  readonly testMetricRows = computed(() =>
    (this.models()?.activeModelTestMetrics ?? []).map((t) => ({
      ...t,
      trait: this.traitName(t.trait),
      // accuracy is over the answered photos: "1 of 7" says a 0 % rests on one answer
      answeredOf: t.scored === null || t.answered === null ? '—' : `${t.answered} of ${t.scored}`,
    })),
  );

  // ---- real world -------------------------------------------------------------------------------
  readonly perDayBars = computed(() => (this.predictions()?.series ?? []).map((r) => ({ name: r.date, value: r.newSincePrevious ?? r.total })));
  readonly perDayRows = computed(() => (this.predictions()?.series ?? []).map((r) => ({ ...r, newPredictions: r.newSincePrevious ?? r.total })));
  readonly verdictBars = computed(() => {
    const groups = this.predictions()?.groups ?? [];
    return {
      users: groups.map((g) => ({ name: predictedValueLabel(g.key), series: [{ name: 'Confirmed', value: g.userAccepted }, { name: 'Rejected', value: g.userRejected }, { name: 'No feedback', value: g.userNone }] })),
      admins: groups.map((g) => ({ name: predictedValueLabel(g.key), series: [{ name: 'Confirmed', value: g.adminAccepted }, { name: 'Rejected', value: g.adminRejected }, { name: 'Not reviewed', value: g.adminNone }] })),
    };
  });
  readonly verdictRows = computed(() =>
    (this.predictions()?.groups ?? []).map((g) => ({
      value: predictedValueLabel(g.key),
      total: g.total,
      userAccepted: g.userAccepted,
      userRejected: g.userRejected,
      adminAccepted: g.adminAccepted,
      adminRejected: g.adminRejected,
      userConfirmed: g.total ? g.userAccepted / g.total : null,
      userRejectedShare: g.total ? g.userRejected / g.total : null,
      adminConfirmed: g.total ? g.adminAccepted / g.total : null,
      adminRejectedShare: g.total ? g.adminRejected / g.total : null,
    })),
  );
  readonly acceptanceBars = computed(() => {
    const a = this.predictions()?.activeModel;
    if (!a) return [];
    return [
      barGroup('Overall', [{ name: 'Test accuracy', value: pct(a.testAccuracy) }, { name: 'Real world', value: pct(a.acceptanceRate) }]),
      ...a.perTrait.map((t) => barGroup(this.traitName(t.trait), [{ name: 'Test accuracy', value: pct(t.testAccuracy) }, { name: 'Real world', value: pct(t.realWorldAccuracy) }])),
    ];
  });
  readonly acceptanceRows = computed(() => {
    const a = this.predictions()?.activeModel;
    if (!a) return [];
    return [
      { what: 'Acceptance rate (overall)', test: a.testAccuracy, realWorld: a.acceptanceRate, scored: a.userAccepted + a.userRejected },
      ...a.perTrait.map((t) => ({ what: this.traitName(t.trait), test: t.testAccuracy, realWorld: t.realWorldAccuracy, scored: t.scored })),
    ];
  });

  readonly cols = {
    size: [
      { key: 'date', label: 'Day' },
      { key: 'total', label: 'All', format: 'int' },
      { key: 'labelled', label: 'Labelled', format: 'int' },
      { key: 'unlabelled', label: 'Unlabelled', format: 'int' },
    ],
    balance: [
      { key: 'value', label: 'Value' },
      { key: 'count', label: 'Images', format: 'int' },
      { key: 'share', label: 'Share', format: 'percent' },
    ],
    source: [
      { key: 'source', label: 'Source' },
      { key: 'labelled', label: 'Labelled', format: 'int' },
      { key: 'unlabelled', label: 'Unlabelled', format: 'int' },
      { key: 'total', label: 'All', format: 'int' },
    ],
    thinnest: [
      { key: 'cell', label: 'Colour × pattern' },
      { key: 'count', label: 'Images', format: 'int' },
    ],
    models: [
      { key: 'model', label: 'Model' },
      { key: 'trained', label: 'Trained' },
      { key: 'accuracy', label: 'Accuracy', format: 'percent' },
      { key: 'loss', label: 'Loss', format: 'number' },
    ],
    testMetrics: [
      { key: 'trait', label: 'Trait' },
      { key: 'accuracy', label: 'Accuracy', format: 'percent' },
      { key: 'balancedAccuracy', label: 'Balanced acc.', format: 'percent' },
      { key: 'macroF1', label: 'Macro F1', format: 'percent' },
      { key: 'answeredOf', label: 'Answered' },
    ],
    perDay: [
      { key: 'date', label: 'Snapshot' },
      { key: 'newPredictions', label: 'New', format: 'int' },
      { key: 'total', label: 'Total', format: 'int' },
      { key: 'userAccepted', label: 'User ✓', format: 'int' },
      { key: 'userRejected', label: 'User ✗', format: 'int' },
    ],
    userVerdicts: [
      { key: 'value', label: 'Predicted' },
      { key: 'total', label: 'Predictions', format: 'int' },
      { key: 'userAccepted', label: 'Confirmed', format: 'int' },
      { key: 'userRejected', label: 'Rejected', format: 'int' },
      { key: 'userConfirmed', label: 'Confirmed %', format: 'percent' },
      { key: 'userRejectedShare', label: 'Rejected %', format: 'percent' },
    ],
    adminVerdicts: [
      { key: 'value', label: 'Predicted' },
      { key: 'total', label: 'Predictions', format: 'int' },
      { key: 'adminAccepted', label: 'Confirmed', format: 'int' },
      { key: 'adminRejected', label: 'Rejected', format: 'int' },
      { key: 'adminConfirmed', label: 'Confirmed %', format: 'percent' },
      { key: 'adminRejectedShare', label: 'Rejected %', format: 'percent' },
    ],
    acceptance: [
      { key: 'what', label: 'Trait' },
      { key: 'test', label: 'Test accuracy', format: 'percent' },
      { key: 'realWorld', label: 'Real world', format: 'percent' },
      { key: 'scored', label: 'Verdicts', format: 'int' },
    ],
  } satisfies Record<string, TableColumn[]>;

  readonly schemeTwo = { domain: [BLUE, ORANGE, GREY] } as never;
  readonly schemeVerdict = { domain: [GREEN, RED, GREY] } as never;
  readonly legendLabelled = [{ name: 'Labelled', color: BLUE }, { name: 'Unlabelled', color: ORANGE }];
  /** Series colours pinned by name: leaving out a missing value must not recolour the other series. */
  readonly coloursAccLoss = seriesColours({ Accuracy: BLUE, Loss: ORANGE });
  readonly coloursMetrics = seriesColours({ Accuracy: BLUE, 'Balanced accuracy': ORANGE, 'Macro F1': GREY });
  readonly coloursTestVsReal = seriesColours({ 'Test accuracy': BLUE, 'Real world': ORANGE });
  readonly legendAccLoss = [{ name: 'Accuracy', color: BLUE }, { name: 'Loss', color: ORANGE }];
  readonly legendMetrics = [{ name: 'Accuracy', color: BLUE }, { name: 'Balanced accuracy', color: ORANGE }, { name: 'Macro F1', color: GREY }];
  readonly legendVerdict = [{ name: 'Confirmed', color: GREEN }, { name: 'Rejected', color: RED }, { name: 'No verdict yet', color: GREY }];
  readonly legendTestVsReal = [{ name: 'Test accuracy', color: BLUE }, { name: 'Real world (breeders confirm)', color: ORANGE }];
  readonly legendHeat = [{ name: 'few images', color: '#fde0dd' }, { name: 'many images', color: '#49006a' }];
  /** What an empty chart says once a snapshot exists (vs. before any snapshot). */
  readonly noModelsMessage = computed(() => (this.lastSnapshot() ? 'No models in the last snapshot — train one under Training, then refresh.' : NO_SNAPSHOT));
  readonly noPredictionsMessage = computed(() =>
    this.lastSnapshot() ? 'No predictions in this range yet — they appear after breeders analyse photos and the next snapshot runs.' : NO_SNAPSHOT,
  );
  readonly schemeHeat = { domain: ['#fde0dd', '#fa9fb5', '#c51b8a', '#49006a'] } as never;
  readonly noSnapshotMessage = NO_SNAPSHOT;
  readonly snapshotAge = snapshotAge;
  readonly noTrainingMessage = computed(() =>
    this.lastSnapshot() ? 'No training images in the last snapshot — upload a ZIP under Training images, then refresh.' : NO_SNAPSHOT,
  );
  readonly starterOnlyMessage =
    'Only the bundled starter model so far: it was not trained here, so it has no training accuracy or loss (its cross-validated metrics are under Models). Train one under Training.';

  constructor() {
    this.vocabularyApi.load().subscribe();
    this.reload();
    this.destroyRef.onDestroy(() => {
      this.loadSub?.unsubscribe();
      this.jobSub?.unsubscribe();
    });
  }

  setFilter<K extends keyof ReportFilters>(key: K, value: ReportFilters[K]): void {
    this.filters.update((f) => ({ ...f, [key]: value || (key === 'trait' ? 'colour' : null) }));
    this.reload();
  }

  resetFilters(): void {
    this.filters.set({ from: null, to: null, source: null, model: null, trait: 'colour' });
    this.reload();
  }

  reload(): void {
    const f = this.filters();
    if (f.from && f.to && f.from > f.to) {
      this.error.set('The “From” day is after the “To” day. Swap them or widen the range.');
      return;
    }
    this.loadSub?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.loadSub = forkJoin({
      training: this.api.trainingImages(f),
      models: this.api.models(f),
      predictions: this.api.predictions(f),
      snapshots: this.api.snapshots(),
      allModels: this.api.models({ ...f, model: null, from: null, to: null }),
    }).subscribe({
      next: (r) => {
        this.training.set(r.training);
        this.models.set(r.models);
        this.predictions.set(r.predictions);
        this.lastSnapshot.set(r.snapshots.lastSnapshot);
        this.modelOptions.set(r.allModels.models.map((m) => ({ modelId: m.modelId, name: m.name })));
        this.loading.set(false);
      },
      error: (err) => {
        this.error.set(describeHttpError(err));
        this.loading.set(false);
      },
    });
  }

  refreshNow(): void {
    this.refreshError.set(null);
    this.refreshing.set({ percent: 0, message: 'Queued…' });
    this.jobSub?.unsubscribe();
    this.jobSub = this.api
      .refresh()
      .pipe(
        switchMap(({ jobId }) => timer(0, 700).pipe(switchMap(() => this.api.job(jobId)))),
        takeWhile((job) => job.state === 'waiting' || job.state === 'active', true),
      )
      .subscribe({
        next: (job) => {
          if (job.state === 'completed') {
            this.refreshing.set(null);
            this.reload();
          } else if (job.state === 'failed' || job.state === 'cancelled') {
            this.refreshing.set(null);
            this.refreshError.set(`The snapshot did not finish: ${job.error ?? job.state}. Try again; if it keeps failing, check the worker is running.`);
          } else {
            this.refreshing.set({ percent: job.progress, message: job.details?.message ?? (job.state === 'waiting' ? 'Waiting for the worker…' : 'Working…') });
          }
        },
        error: (err) => {
          this.refreshing.set(null);
          this.refreshError.set(describeHttpError(err));
        },
      });
  }

  askDelete(): void {
    this.deleteResult.set(null);
    this.deleteRange.set({ from: this.filters().from, to: this.filters().to });
    this.confirmingDelete.set(true);
  }

  setDeleteRange(key: 'from' | 'to', value: string): void {
    this.deleteRange.update((r) => ({ ...r, [key]: value || null }));
  }

  confirmDelete(): void {
    const { from, to } = this.deleteRange();
    this.deleting.set(true);
    this.api.deleteReports(from, to).subscribe({
      next: ({ deleted }) => {
        this.deleting.set(false);
        this.confirmingDelete.set(false);
        this.deleteResult.set(`Deleted ${deleted.toLocaleString('en-GB')} reporting rows. Images and models were not touched.`);
        this.reload();
      },
      error: (err) => {
        this.deleting.set(false);
        this.deleteResult.set(describeHttpError(err));
      },
    });
  }

  traitName(trait: string): string {
    return TRAITS.find((t) => t.value === trait)?.label ?? trait;
  }

  private shortName(name: string, id: string): string {
    return name.length > 28 ? `${name.slice(0, 26)}… ${id.slice(-4)}` : name;
  }

  readonly percentTick = (v: number) => `${v}%`;
  readonly intTick = (v: number) => (Number.isInteger(v) ? String(v) : '');
}
