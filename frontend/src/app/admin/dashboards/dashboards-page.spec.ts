import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { of } from 'rxjs';
import { DashboardsApi, ModelsReport, PredictionsReport, SnapshotRuns, TrainingImagesReport } from './dashboards-api';
import { DashboardsPage, predictedValueLabel, snapshotAge, sourceLabel } from './dashboards-page';

const training: TrainingImagesReport = {
  from: null,
  to: null,
  groupBy: 'colour',
  source: null,
  latestDate: '2026-11-26',
  totals: { total: 26, labelled: 25, unlabelled: 1, unknown: 2 },
  series: [{ date: '2026-11-26', total: 26, labelled: 25, unlabelled: 1 }],
  groups: [
    { key: 'blue', count: 8, share: 0.348 },
    { key: 'black', count: 5, share: 0.217 },
    { key: 'white', count: 5, share: 0.217 },
    { key: 'other', count: 5, share: 0.217 },
  ],
  bySource: [{ source: 'zip', labelled: 25, unlabelled: 1 }],
  thinnestCells: [],
};

const row = { isStarter: false, createdAt: null, trainingStartedAt: null, trainingEndedAt: null, trainingStartedDate: null, testMetrics: [] };
const models: ModelsReport = {
  from: null,
  to: null,
  model: null,
  latestDate: '2026-11-26',
  activeModelId: 'starter',
  models: [
    { ...row, modelId: 'starter', name: 'Starter', isStarter: true, trainingEndedDate: null, accuracy: null, loss: null, isActive: true },
    { ...row, modelId: 'm2', name: 'review small run', trainingEndedDate: '2026-11-26', accuracy: 0.75, loss: 0.168, isActive: false },
    { ...row, modelId: 'm3', name: 'half run', trainingEndedDate: '2026-11-26', accuracy: null, loss: 0.2, isActive: false },
  ],
  series: [],
  byTrainingDate: [],
  activeModelTestMetrics: [{ trait: 'colour', accuracy: 0.9, balancedAccuracy: null, macroF1: 0.8, scored: 10, answered: 8 }],
};

const predictions: PredictionsReport = {
  from: null,
  to: null,
  groupBy: 'colour',
  model: null,
  trait: 'colour',
  latestDate: '2026-11-26',
  series: [],
  groups: [],
  feedback: [],
  realWorldAccuracy: [],
  activeModel: {
    modelId: 'starter',
    name: 'Starter',
    predictions: 3,
    userAccepted: 0,
    userRejected: 0,
    acceptanceRate: null,
    testAccuracy: 0.9,
    perTrait: [{ trait: 'colour', testAccuracy: null, realWorldAccuracy: null, scored: 0 }],
  },
};

const snapshots: SnapshotRuns = { lastSnapshot: null, snapshots: [] };

describe('DashboardsPage', () => {
  let fixture: ComponentFixture<DashboardsPage>;
  let page: DashboardsPage;
  let backend: HttpTestingController;

  beforeEach(async () => {
    const api: Partial<DashboardsApi> = {
      trainingImages: (f) => of({ ...training, groupBy: f.trait }),
      models: () => of(models),
      predictions: () => of(predictions),
      snapshots: () => of(snapshots),
    };
    TestBed.configureTestingModule({
      imports: [DashboardsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), { provide: DashboardsApi, useValue: api }],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DashboardsPage);
    page = fixture.componentInstance;
    // The server's vocabulary fails to load: the built-in copy's swatches are used.
    backend.expectOne('/api/vocabulary').flush('down', { status: 503, statusText: 'Unavailable' });
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('never draws a missing model metric as 0', () => {
    const chart = (fixture.nativeElement as HTMLElement).querySelector('[data-chart="models-accuracy"]');
    // Drawn: only measured values, each series in its legend colour (Loss stays orange when Accuracy is missing).
    const bars = Array.from(chart?.querySelectorAll('path.bar') ?? []).map((b) => [b.getAttribute('aria-label'), b.getAttribute('fill')]);
    expect(bars).toEqual([
      ['review small run Accuracy 0.75', '#3f6ad8'],
      ['review small run Loss 0.168', '#d9822b'],
      ['half run Loss 0.2', '#d9822b'],
    ]);
    // the bundled starter was not trained here: it has no bar (its row stays in the table beside the chart)
    expect(chart?.querySelector('g.tick')?.textContent).not.toContain('Starter');
    expect(page.modelRows().map((r) => r.model)).toEqual(['Starter (active)', 'review small run', 'half run']);
    expect(page.modelBars()).toEqual([
      { name: 'review small run', series: [{ name: 'Accuracy', value: 0.75 }, { name: 'Loss', value: 0.168 }] },
      { name: 'half run', series: [{ name: 'Loss', value: 0.2 }] },
    ]);
    expect(page.testMetricBars()).toEqual([{ name: 'Colour', series: [{ name: 'Accuracy', value: 90 }, { name: 'Macro F1', value: 80 }] }]);
    expect(page.acceptanceBars()).toEqual([
      { name: 'Overall', series: [{ name: 'Test accuracy', value: 90 }] },
      { name: 'Colour (no data)', series: [] },
    ]);
  });

  it("says where the active model's metrics come from, and what a prediction without a value is", () => {
    expect(page.testMetricsSubtitle()).toBe('Active model (the bundled starter): 5-fold cross-validation on the photos it was trained on (%, over the photos it answered)');
    expect(page.testMetricRows()[0].answeredOf).toBe('8 of 10');
    expect(predictedValueLabel('unknown')).toBe('not sure');
    expect(predictedValueLabel('not-a-cat')).toBe('not a cat');
    expect(predictedValueLabel('true')).toBe('yes');
    expect(predictedValueLabel('blue')).toBe('blue');
  });

  it('explains an empty accuracy-and-loss chart when only the bundled starter exists', async () => {
    page.models.set({ ...models, models: [models.models[0]] });
    fixture.detectChanges();
    await fixture.whenStable();
    const card = (fixture.nativeElement as HTMLElement).querySelector('#models-accuracy');
    expect(card?.textContent).toContain('Only the bundled starter model so far: it was not trained here');
  });

  it('says how old the last snapshot is, and names sources as the Training images table does', () => {
    const now = Date.parse('2026-11-26T19:00:00Z');
    expect(snapshotAge('2026-11-26T18:59:40Z', now)).toBe('just now');
    expect(snapshotAge('2026-11-26T18:25:00Z', now)).toBe('35 minutes ago');
    expect(snapshotAge('2026-11-26T18:00:00Z', now)).toBe('1 hour ago');
    expect(snapshotAge('2026-11-23T19:00:00Z', now)).toBe('3 days ago');
    expect(sourceLabel('zip')).toBe('ZIP import');
    expect(sourceLabel('something-new')).toBe('something-new');
  });

  it('pins series colours by name, so a left-out value does not recolour the others', () => {
    expect(page.coloursAccLoss.map((c) => c.name)).toEqual(['Accuracy', 'Loss']);
    expect(page.coloursAccLoss[0].value).toBe(page.legendAccLoss[0].color);
    expect(page.coloursAccLoss[1].value).toBe(page.legendAccLoss[1].color);
  });

  it('colours coat-colour bars with their own swatch and outlines them', () => {
    expect(page.balanceColours()).toEqual([
      { name: 'blue', value: '#7d8a99' },
      { name: 'black', value: '#1b1b1b' },
      { name: 'white', value: '#f7f7f5' },
      { name: 'other', value: '#9e9e9e' },
    ]);
    const chart = (fixture.nativeElement as HTMLElement).querySelector('[data-chart="training-balance"] ngx-charts-bar-vertical');
    expect(chart?.classList.contains('coat-bars')).toBe(true);
    const fills = Array.from(chart?.querySelectorAll('path.bar') ?? []).map((b) => [b.getAttribute('aria-label'), b.getAttribute('fill')]);
    expect(fills).toEqual([
      ['blue 8', '#7d8a99'],
      ['black 5', '#1b1b1b'],
      ['white 5', '#f7f7f5'],
      ['other 5', '#9e9e9e'],
    ]);
  });

  it('uses one colour for a trait that is not a coat colour', async () => {
    page.setFilter('trait', 'pattern');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(new Set(page.balanceColours().map((c) => c.value)).size).toBe(1);
    const chart = (fixture.nativeElement as HTMLElement).querySelector('[data-chart="training-balance"] ngx-charts-bar-vertical');
    expect(chart?.classList.contains('coat-bars')).toBe(false);
  });
});
