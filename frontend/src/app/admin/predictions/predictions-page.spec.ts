import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { PredictionsPage } from './predictions-page';

/** The filters' phone toggle (the stylesheet hides it from 720px up, where the filters always show). */
describe('PredictionsPage filters toggle', () => {
  let fixture: ComponentFixture<PredictionsPage>;
  let page: PredictionsPage;
  let backend: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PredictionsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PredictionsPage);
    page = fixture.componentInstance;
    el = fixture.nativeElement;
    backend.expectOne('/api/vocabulary').flush(null, { status: 404, statusText: 'Not Found' });
    backend.expectOne('/api/admin/models').flush([]);
    flushList();
    await render();
  });

  afterEach(() => backend.verify());

  async function render() {
    fixture.detectChanges();
    await fixture.whenStable();
  }

  function flushList() {
    backend.expectOne((r) => r.url === '/api/admin/predictions').flush({ items: [], total: 0, page: 1, pageSize: 25 });
  }

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
