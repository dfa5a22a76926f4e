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
    // ticked newest first: A is still the older model, B the newer
    page.toggleCompare('b', true);
    page.toggleCompare('a', true);
    await render();
    const compare = el.querySelector('[data-testid="compare"]') as HTMLElement;
    expect(texts('thead th', compare)).toEqual(['Trait', 'Metric', 'A Starter', 'B Newer', 'Change, newer (B) against older (A)']);
    const [acc, ece] = Array.from(compare.querySelectorAll('td.delta')).filter((c) => !['—', ''].includes(c.textContent?.trim() ?? ''));
    expect(acc.classList).toContain('better');
    expect(acc.textContent).toContain('+10.0 pt');
    expect(acc.querySelector('mat-icon')?.textContent).toBe('thumb_up');
    expect(acc.textContent).toContain('(better)');
    expect(ece.classList).toContain('worse');
    expect(ece.querySelector('mat-icon')?.textContent).toBe('thumb_down');
    expect(ece.textContent).toContain('(worse)');
  });

  it('gives no verdict where a model answered too few test photos, and shows how many each answered', async () => {
    page.models.set([starter, summary({ id: 'b', name: 'Newer', createdAt: '2026-11-27T13:00:00Z', metrics: { colour: { accuracy: 0, ece: 0.3, n: 7, abstentionRate: 6 / 7 } } })]);
    page.toggleCompare('a', true);
    page.toggleCompare('b', true);
    await render();
    const compare = el.querySelector('[data-testid="compare"]') as HTMLElement;
    const row = (metric: string) => Array.from(compare.querySelectorAll('tbody tr')).find((r) => r.children[1].textContent?.trim() === metric)!;
    expect(texts('td', row('Answered (of test photos)') as HTMLElement).slice(2, 4)).toEqual(['20 of 20', '1 of 7']);
    const acc = row('Accuracy').querySelector('td.delta')!;
    expect(acc.classList).not.toContain('worse');
    expect(acc.querySelector('mat-icon')).toBeNull();
    expect(acc.textContent).toContain('−80.0 pt');
    expect(acc.textContent).toContain('(too few answers to judge)');
  });

  it('gives a mean test accuracy for a model without a training run (the starter), from its per-trait accuracies', () => {
    expect(page.meanAccuracy({ ...detail, accuracy: null, metrics: { colour: { accuracy: 0.8 }, is_tabby: { accuracy: 0.6 } } })).toBe('70.0 %');
    expect(page.meanAccuracy({ ...detail, accuracy: 0.9, metrics: {} })).toBe('90.0 %'); // a stored accuracy only without per-trait metrics
    expect(page.meanAccuracy({ ...detail, accuracy: null, metrics: {} })).toBe('—');
  });

  describe('keyboard focus of the details card', () => {
    /** jsdom has no scrollIntoView (the page scrolls the card into view when it opens) */
    const hadScroll = 'scrollIntoView' in Element.prototype;
    beforeEach(() => {
      if (!hadScroll) Element.prototype.scrollIntoView = () => undefined;
    });
    afterEach(() => {
      if (!hadScroll) delete (Element.prototype as Partial<Element>).scrollIntoView;
    });

    /** the page moves focus in a timeout, after the card has rendered */
    const settle = async () => {
      await render();
      await new Promise((r) => setTimeout(r));
      await render();
    };
    const detailsButton = (id: string) => el.querySelector<HTMLButtonElement>(`tr[data-model-id="${id}"] [data-testid="model-details"]`)!;

    it("moves focus to the card's heading when Details opens it, and back to that Details button when it closes", async () => {
      detailsButton('b').focus();
      detailsButton('b').click();
      await settle();
      const heading = el.querySelector<HTMLElement>('[data-testid="model-detail"] h2')!;
      expect(heading.id).toBe('detail-title');
      expect(heading.getAttribute('tabindex')).toBe('-1');
      expect(document.activeElement).toBe(heading);

      el.querySelector<HTMLButtonElement>('[data-testid="close-details"]')!.click();
      await settle();
      expect(el.querySelector('[data-testid="model-detail"]')).toBeNull();
      expect(document.activeElement).toBe(detailsButton('b'));
    });

    it('takes focus to the activation question, and back to the button that asked when it is cancelled (or Escape)', async () => {
      const activate = () => el.querySelector<HTMLButtonElement>('tr[data-model-id="b"] [data-testid="activate-model"]')!;
      activate().focus();
      activate().click();
      await settle();
      expect(document.activeElement?.id).toBe('confirm-title');
      el.querySelector('[data-testid="activate-confirm"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await settle();
      expect(el.querySelector('[data-testid="activate-confirm"]')).toBeNull();
      expect(document.activeElement).toBe(activate());
    });

    it('makes the wide table of all models a focusable, named region (so it can be scrolled with the keyboard)', () => {
      const wrap = el.querySelector('[data-testid="models-table"]')!.parentElement!;
      expect(wrap.classList).toContain('table-wrap');
      expect(wrap.getAttribute('tabindex')).toBe('0');
      expect(wrap.getAttribute('role')).toBe('region');
      expect(wrap.getAttribute('aria-label')).toBe('All models, table');
    });
  });
});
