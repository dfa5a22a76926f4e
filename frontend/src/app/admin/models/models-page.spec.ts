import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { of } from 'rxjs';
import { ModelDetail, ModelSummary, ModelsApi } from './models-api';
import { ModelsPage } from './models-page';

const summary = (over: Partial<ModelSummary>): ModelSummary =>
  ({
    id: 'm',
    name: 'M',
    createdAt: '2026-11-26T13:00:00Z',
    isActive: false,
    isStarter: false,
    featureVersion: 'f1',
    metrics: {},
    datasetSummary: {},
    trainingRunId: null,
    startedBy: null,
    startedByName: null,
    trainingOptions: null,
    trainingStartedAt: null,
    trainingEndedAt: null,
    durationSeconds: null,
    loss: null,
    accuracy: null,
    ...over,
  }) as ModelSummary;

const starter = summary({ id: 'a', name: 'Starter', isActive: true, metrics: { colour: { accuracy: 0.8, ece: 0.1, n: 20 } } });
const newer = summary({ id: 'b', name: 'Newer', createdAt: '2026-11-27T13:00:00Z', metrics: { colour: { accuracy: 0.9, ece: 0.2, n: 20 } } });

const detail: ModelDetail = {
  ...newer,
  metrics: {
    colour: { accuracy: 0.9, confusion: { labels: ['black', 'blue', 'red', 'white'], matrix: [[3, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 2]] } },
    is_tabby: { accuracy: 0.5, confusion: { labels: ['false', 'true'], matrix: [[1, 1], [0, 2]] } },
  },
  activatedAt: null,
  activatedBy: null,
  answers: ['colour', 'is_tabby'],
  unlearnt: null,
};

describe('ModelsPage', () => {
  let fixture: ComponentFixture<ModelsPage>;
  let page: ModelsPage;
  let el: HTMLElement;

  beforeEach(async () => {
    const api: Partial<ModelsApi> = { list: () => of([starter, newer]), detail: () => of(detail) };
    TestBed.configureTestingModule({ imports: [ModelsPage], providers: [provideNoopAnimations(), { provide: ModelsApi, useValue: api }] });
    fixture = TestBed.createComponent(ModelsPage);
    page = fixture.componentInstance;
    el = fixture.nativeElement;
    await render();
  });

  async function render() {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  const texts = (sel: string, root: ParentNode = el) => Array.from(root.querySelectorAll(sel)).map((x) => x.textContent?.replace(/\s+/g, ' ').trim());
  /** each body row as "true value: count count …" */
  const matrixRows = () =>
    Array.from(el.querySelectorAll('[data-testid="confusion-matrix"] tbody tr')).map((tr) => `${texts('th', tr)[0]}: ${texts('td', tr).join(' ')}`);

  it('shows the confusion matrix as a table: true values top to bottom, answers left to right, a count in every cell', async () => {
    page.open('b');
    await render();
    const table = el.querySelector('[data-testid="confusion-matrix"]') as HTMLTableElement;
    expect(table).toBeTruthy();
    expect(table.querySelector('caption')?.textContent).toContain('Confusion matrix for Colour');
    expect(texts('thead th', table)).toEqual(['black', 'white']);
    expect(texts('tbody th[scope="row"]', table)).toEqual(['black', 'white']);
    expect(matrixRows()).toEqual(['black: 3 1', 'white: 0 2']);
    const cells = Array.from(table.querySelectorAll('td.cell'));
    expect(cells.map((c) => c.classList.contains('correct'))).toEqual([true, false, false, true]);
    expect(cells.map((c) => Array.from(c.classList).find((k) => k.startsWith('heat-')))).toEqual(['heat-4', 'heat-2', 'heat-0', 'heat-3']);
    expect(el.textContent).toContain('“not sure” answers are not counted');
    expect(el.querySelector('ngx-charts-heat-map')).toBeNull();

    page.heatTrait.set('is_tabby');
    await render();
    expect(matrixRows()).toEqual(['no: 1 1', 'yes: 0 2']);
  });

  it('says which way the change runs in a comparison and marks better and worse beyond colour', async () => {
    page.toggleCompare('a', true);
    page.toggleCompare('b', true);
    await render();
    const compare = el.querySelector('[data-testid="compare"]') as HTMLElement;
    expect(texts('thead th', compare)).toEqual(['Trait', 'Metric', 'A Starter', 'B Newer', 'Change (B − A)']);
    const [acc, ece] = Array.from(compare.querySelectorAll('td.delta')).filter((c) => c.textContent?.trim() !== '—');
    expect(acc.classList).toContain('better');
    expect(acc.textContent).toContain('+10.0 pt');
    expect(acc.querySelector('mat-icon')?.textContent).toBe('thumb_up');
    expect(acc.textContent).toContain('(better)');
    expect(ece.classList).toContain('worse');
    expect(ece.querySelector('mat-icon')?.textContent).toBe('thumb_down');
    expect(ece.textContent).toContain('(worse)');
  });
});
