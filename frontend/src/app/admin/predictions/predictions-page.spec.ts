import { CdkTrapFocus, InteractivityChecker } from '@angular/cdk/a11y';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Injectable } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { adminPrediction } from '../../../testing/fixtures';
import { AdminPrediction } from './predictions-api';
import { PredictionsPage } from './predictions-page';

const prediction = adminPrediction;

/** jsdom has no layout, so the CDK would find nothing tabbable: treat every element as visible. */
@Injectable()
class VisibleInteractivityChecker extends InteractivityChecker {
  override isVisible(): boolean {
    return true;
  }
}

/** The page showing `list` (the server vocabulary fails to load, no models), rendered, with its HTTP double. */
async function openPage(list: AdminPrediction[] = []) {
  TestBed.configureTestingModule({
    imports: [PredictionsPage],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      provideRouter([]),
      { provide: InteractivityChecker, useClass: VisibleInteractivityChecker },
    ],
  });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(PredictionsPage);
  const render = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  /** answers the page's next list request with `items` */
  const flushList = (items: AdminPrediction[] = list) =>
    backend.expectOne((r) => r.url === '/api/admin/predictions').flush({ items, total: items.length, page: 1, pageSize: 25 });
  backend.expectOne('/api/vocabulary').flush(null, { status: 404, statusText: 'Not Found' });
  backend.expectOne('/api/admin/models').flush([]);
  flushList();
  await render();
  return { fixture, page: fixture.componentInstance, el: fixture.nativeElement as HTMLElement, backend, render, flushList };
}

/** The filters' phone toggle (the stylesheet hides it from 720px up, where the filters always show). */
describe('PredictionsPage filters toggle', () => {
  let page: PredictionsPage;
  let backend: HttpTestingController;
  let el: HTMLElement;
  let render: () => Promise<void>;
  let flushList: () => void;

  beforeEach(async () => {
    ({ page, backend, el, render, flushList } = await openPage());
  });

  afterEach(() => backend.verify());

  const toggle = () => el.querySelector<HTMLButtonElement>('[data-testid="filters-toggle"]')!;

  it('is a collapsed button that controls the filter fields', () => {
    expect(toggle().tagName).toBe('BUTTON');
    expect(toggle().getAttribute('type')).toBe('button');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    const controlled = el.querySelector(`#${toggle().getAttribute('aria-controls')}`);
    expect(controlled).not.toBeNull();
    expect(controlled!.querySelector('[data-testid="filter-feedback"]')).not.toBeNull();
    expect(toggle().textContent).toContain('Filters');
    expect(toggle().textContent).not.toContain('active');
  });

  it('opens and closes on click', async () => {
    toggle().click();
    await render();
    expect(page.filtersOpen()).toBe(true);
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector('.filters')!.classList).toContain('open');
    toggle().click();
    await render();
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(el.querySelector('.filters')!.classList).not.toContain('open');
  });

  it('counts the active filters, whose chips show outside the folded part', async () => {
    page.patch({ feedback: 'rejected', review: 'none' });
    flushList();
    await render();
    expect(toggle().textContent).toContain('Filters (2 active)');
    const chips = el.querySelector('[data-testid="filter-chips"]')!;
    expect(chips).not.toBeNull();
    expect(chips.closest('#prediction-filters')).toBeNull();
  });
});

/** Keyboard use of the review panel: a dialog that keeps focus inside and gives it back to the row on close. */
describe('PredictionsPage review panel focus', () => {
  let fixture: ComponentFixture<PredictionsPage>;
  let page: PredictionsPage;
  let backend: HttpTestingController;
  let el: HTMLElement;
  let render: () => Promise<void>;
  let flushList: (items?: AdminPrediction[]) => void;
  const items = [prediction('p1'), prediction('p2'), prediction('p3')];

  beforeEach(async () => {
    ({ fixture, page, backend, el, render, flushList } = await openPage(items));
  });

  afterEach(() => backend.verify());

  const panel = () => el.querySelector<HTMLElement>('[data-testid="review-panel"]');
  const reviewButton = (id: string) => el.querySelector<HTMLButtonElement>(`tr[data-prediction-id="${id}"] [data-testid="open-review"]`)!;
  const closeButton = () => panel()!.querySelector<HTMLButtonElement>('button[aria-label="Close review panel"]')!;

  /** what a keyboard user does: focus the row's Review button and press it */
  async function openWithKeyboard(id: string) {
    reviewButton(id).focus();
    reviewButton(id).click();
    await render();
  }

  it('opens as a modal dialog named by its heading, with focus on it', async () => {
    await openWithKeyboard('p2');
    const p = panel()!;
    expect(p.getAttribute('role')).toBe('dialog');
    expect(p.getAttribute('aria-modal')).toBe('true');
    expect(el.querySelector(`#${p.getAttribute('aria-labelledby')}`)?.textContent).toBe('Review prediction');
    expect(document.activeElement).toBe(p);
  });

  it('traps focus in the panel: Tab past the last control wraps to the first, Shift+Tab before the first to the last', async () => {
    await openWithKeyboard('p2');
    const trap = fixture.debugElement.query(By.directive(CdkTrapFocus));
    expect(trap?.nativeElement).toBe(panel());
    expect(trap.injector.get(CdkTrapFocus).enabled).toBe(true);
    // The trap's anchors sit just outside the panel; the browser's Tab / Shift+Tab lands on them first.
    const start = panel()!.previousElementSibling as HTMLElement;
    const end = panel()!.nextElementSibling as HTMLElement;
    expect(start.classList).toContain('cdk-focus-trap-anchor');
    expect(end.classList).toContain('cdk-focus-trap-anchor');
    end.focus();
    expect(document.activeElement).toBe(closeButton());
    start.focus();
    expect(document.activeElement).toBe(panel()!.querySelector('[data-testid="accept-prediction"]'));
  });

  it('gives focus back to the Review button of the row when the panel is closed with ×', async () => {
    await openWithKeyboard('p2');
    closeButton().click();
    await render();
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(reviewButton('p2'));
  });

  it('gives focus back to the Review button of the row when the panel is closed with Escape', async () => {
    await openWithKeyboard('p3');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await render();
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(reviewButton('p3'));
  });

  it("finds the row's Review button after the table was re-rendered, and the first one when the prediction has gone", async () => {
    await openWithKeyboard('p2');
    page.load();
    flushList([prediction('p1'), prediction('p2')].map((p) => ({ ...p })));
    await render();
    page.close();
    await render();
    expect(document.activeElement).toBe(reviewButton('p2'));

    await openWithKeyboard('p2');
    page.load();
    flushList([prediction('p3')]);
    await render();
    page.close();
    await render();
    expect(document.activeElement).toBe(reviewButton('p3'));
  });

  it('keeps focus in the panel after a review is saved (the panel stays open on the updated prediction)', async () => {
    await openWithKeyboard('p1');
    const accept = panel()!.querySelector<HTMLButtonElement>('[data-testid="accept-prediction"]')!;
    accept.focus();
    accept.click();
    await render();
    expect(accept.disabled).toBe(true);
    accept.blur(); // what a browser does with focus on a button that becomes disabled (jsdom keeps it)
    backend.expectOne('/api/admin/predictions/p1/review').flush({ ...prediction('p1'), adminReview: 'accepted', adminHasReviewed: true, trainingImageId: 't1' });
    await render();
    expect(panel()).not.toBeNull();
    expect(panel()!.contains(document.activeElement)).toBe(true);
  });
});
