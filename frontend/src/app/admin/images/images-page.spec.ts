import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { ImagesPage } from './images-page';
import { TrainingImage } from './images-api';

const BASE = '/api/admin/training-images';

function image(n: number, extra: Partial<TrainingImage> = {}): TrainingImage {
  const id = n.toString(16).padStart(24, '0');
  return {
    id,
    label: { is_cat: null, colour: null, pattern: null, is_tabby: null, is_pointed: null },
    isLabelled: false,
    source: 'zip',
    thumbnailUrl: `${BASE}/${id}/thumbnail`,
    imageUrl: `${BASE}/${id}/image`,
    width: 160,
    height: 160,
    format: 'jpeg',
    sha256: id.padEnd(64, '0'),
    originalName: `cat-${n}.jpg`,
    labelledBy: null,
    labelledAt: null,
    createdBy: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    web: null,
    predictionId: null,
    ...extra,
  };
}

describe('ImagesPage selection', () => {
  let fixture: ComponentFixture<ImagesPage>;
  let page: ImagesPage;
  let backend: HttpTestingController;
  let el: HTMLElement;
  const firstPage = Array.from({ length: 10 }, (_, i) => image(i + 1));

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ImagesPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ImagesPage);
    page = fixture.componentInstance;
    el = fixture.nativeElement;
    flushList(firstPage, 37);
    await render();
  });

  afterEach(() => {
    backend.match((r) => /\/(thumbnail|image)$/.test(r.url)); // thumbnails are not what these tests are about
    backend.verify();
  });

  async function render() {
    fixture.detectChanges();
    await fixture.whenStable();
  }

  function flushList(items: TrainingImage[], total: number): TestRequest {
    const req = backend.expectOne((r) => r.method === 'GET' && r.url === BASE);
    req.flush({ items, total, page: 1, pageSize: 10 });
    return req;
  }

  function button(text: string | RegExp): HTMLButtonElement | undefined {
    return Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) => (typeof text === 'string' ? b.textContent?.includes(text) : text.test(b.textContent ?? '')));
  }

  it('keeps the filter in the URL, so a reload or a shared link opens the table filtered', async () => {
    const router = TestBed.inject(Router);
    page.setFilter('source', 'prediction-review');
    const req = flushList(firstPage, 37);
    expect(req.request.params.get('source')).toBe('prediction-review');
    await fixture.whenStable();
    expect(router.url).toBe('/?source=prediction-review');
    page.clearFilters();
    flushList(firstPage, 37);
    await fixture.whenStable();
    expect(router.url).toBe('/');

    // opened from a link such as the review queue's: the first load is already filtered
    await router.navigateByUrl('/?source=prediction-review&colour=lilac&nonsense=1');
    TestBed.createComponent(ImagesPage).detectChanges();
    const first = flushList(firstPage, 3);
    expect(first.request.params.get('source')).toBe('prediction-review');
    expect(first.request.params.get('colour')).toBe('lilac');
    expect(first.request.params.has('nonsense')).toBe(false);
  });

  it('labels the checked rows by id', () => {
    page.toggle(firstPage[2].id);
    page.toggle(firstPage[5].id);
    expect(page.selectedCount()).toBe(2);
    page.setBulk('colour', 'blue');
    page.setBulk('is_tabby', 'false');
    page.applyBulk();
    const req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ ids: [firstPage[2].id, firstPage[5].id], label: { colour: 'blue', is_tabby: false } });
    req.flush({ matched: 2, modified: 2 });
    expect(page.notice()).toBe('Labelled 2 images (colour blue, tabby no).');
    flushList(firstPage, 37); // the table reloads
  });

  it('the page checkbox selects this page only: ids of the 10 rows, not the filter', () => {
    page.setFilter('labelled', 'false');
    flushList(firstPage, 37);
    page.togglePage();
    expect(page.allMatching()).toBe(false);
    expect(page.selectedCount()).toBe(10);
    page.setBulk('is_cat', 'true');
    page.applyBulk();
    const req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.body).toEqual({ ids: firstPage.map((i) => i.id), label: { is_cat: true } });
  });

  it('"select all N matching" sends the filter, never ids, and counts the whole match', async () => {
    page.setFilter('labelled', 'false');
    flushList(firstPage, 37);
    page.setFilter('source', 'zip');
    flushList(firstPage, 37);
    await render();
    expect(button(/Select all 37 matching/)).toBeUndefined(); // only offered once the whole page is selected

    page.togglePage();
    await render();
    button(/Select all 37 matching/)!.click();
    await render();
    expect(page.allMatching()).toBe(true);
    expect(el.querySelector('[data-testid="selected-count"]')?.textContent).toContain('37 selected');

    page.setBulk('colour', 'lilac');
    page.setBulk('pattern', 'unknown'); // "unknown" clears the trait
    page.applyBulk();
    const req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.body).toEqual({ filter: { labelled: 'false', source: 'zip' }, label: { colour: 'lilac', pattern: null } });
  });

  it('unchecking one row after "all matching" falls back to the ids left on the page', () => {
    page.togglePage();
    page.selectAllMatching();
    expect(page.selectedCount()).toBe(37);
    page.toggle(firstPage[0].id);
    expect(page.allMatching()).toBe(false);
    expect(page.selectedCount()).toBe(9);
    page.confirmDelete.set(true);
    page.deleteSelected();
    const req = backend.expectOne((r) => r.method === 'DELETE' && r.url === BASE);
    expect(req.request.body).toEqual({ ids: firstPage.slice(1).map((i) => i.id) });
    req.flush({ deleted: 9 });
    expect(page.selectedCount()).toBe(0);
    flushList(firstPage.slice(0, 1), 28);
  });

  it('delete of all matching sends the filter; changing the filter drops the selection', () => {
    page.setFilter('colour', 'unknown');
    flushList(firstPage, 37);
    page.togglePage();
    page.selectAllMatching();
    page.deleteSelected();
    const req = backend.expectOne((r) => r.method === 'DELETE' && r.url === BASE);
    expect(req.request.body).toEqual({ filter: { colour: 'unknown' } });
    req.flush({ deleted: 37 });
    flushList([], 0);

    page.togglePage();
    page.selectAllMatching();
    page.setFilter('source', 'upload');
    flushList(firstPage, 37);
    expect(page.allMatching()).toBe(false);
    expect(page.selectedCount()).toBe(0);
  });

  it('a label shortcut labels the focus row when nothing is selected, and the selection when there is one', () => {
    page.onKey(new KeyboardEvent('keydown', { key: '2' }));
    let req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.body).toEqual({ ids: [firstPage[0].id], label: { colour: 'blue' } });
    req.flush({ matched: 1, modified: 1 });
    expect(page.items()[0].label.colour).toBe('blue'); // updated in place, no reload
    expect(page.focused()).toBe(1); // moved on to the next row

    page.togglePage();
    page.selectAllMatching();
    page.onKey(new KeyboardEvent('keydown', { key: 'n' }));
    req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.body).toEqual({ filter: {}, label: { is_cat: false } });
  });

  it('nothing is sent when no trait was chosen or nothing is selected', () => {
    page.toggle(firstPage[0].id);
    page.applyBulk(); // no traits chosen
    page.clearSelection();
    page.setBulk('colour', 'red');
    page.applyBulk(); // nothing selected
    backend.expectNone(`${BASE}/labels`);
  });

  it('shows a readable error when labelling fails', () => {
    page.toggle(firstPage[0].id);
    page.setBulk('colour', 'blue');
    page.applyBulk();
    backend
      .expectOne(`${BASE}/labels`)
      .flush({ statusCode: 400, message: 'colour must be one of black, blue, …', error: 'Bad Request' }, { status: 400, statusText: 'Bad Request' });
    expect(page.error()).toContain('colour must be one of');
    expect(page.busy()).toBeNull();
  });

  // ------------------------------------------------------------------ the selection never outlives its rows

  it('after a bulk label, rows that left the filter leave the selection, and Delete never reaches them', async () => {
    page.setFilter('colour', 'blue');
    flushList(firstPage, 10);
    page.toggle(firstPage[2].id);
    page.toggle(firstPage[5].id);
    page.bulkOpen.set(true);
    page.setBulk('colour', 'cream');
    page.applyBulk();
    backend.expectOne(`${BASE}/labels`).flush({ matched: 2, modified: 2 });
    const rest = firstPage.filter((_, i) => i !== 2 && i !== 5);
    flushList(rest, 8); // both rows no longer match "blue"
    await render();
    expect(page.selectedCount()).toBe(0);
    expect(el.querySelector('[data-testid="selected-count"]')).toBeNull();
    page.deleteSelected();
    backend.expectNone((r) => r.method === 'DELETE');
  });

  it('after a bulk label, the rows still on screen stay selected (another trait can follow); Delete acts on those only', () => {
    page.toggle(firstPage[2].id);
    page.toggle(firstPage[5].id);
    page.setBulk('is_cat', 'true');
    page.applyBulk();
    backend.expectOne(`${BASE}/labels`).flush({ matched: 2, modified: 2 });
    flushList(firstPage.filter((_, i) => i !== 5), 36);
    expect([...page.selected()]).toEqual([firstPage[2].id]);
    page.deleteSelected();
    const req = backend.expectOne((r) => r.method === 'DELETE' && r.url === BASE);
    expect(req.request.body).toEqual({ ids: [firstPage[2].id] });
  });

  it('a bulk label of "all matching" clears the selection: the filter may now match other images', () => {
    page.setFilter('labelled', 'false');
    flushList(firstPage, 37);
    page.togglePage();
    page.selectAllMatching();
    page.onKey(new KeyboardEvent('keydown', { key: 'c' }));
    backend.expectOne(`${BASE}/labels`).flush({ matched: 37, modified: 37 });
    flushList(firstPage, 37);
    expect(page.allMatching()).toBe(false);
    expect(page.selectedCount()).toBe(0);
  });

  it('any reload (a sort here) keeps only the selected rows still shown, and an emptied selection closes the delete confirmation', () => {
    page.toggle(firstPage[0].id);
    page.confirmDelete.set(true);
    page.onSort({ active: 'originalName', direction: 'asc' });
    flushList(firstPage.slice(1), 37);
    expect(page.selectedCount()).toBe(0);
    expect(page.confirmDelete()).toBe(false);
  });

  it('"all matching" survives a page change, and every row of the new page counts as selected', () => {
    page.togglePage();
    page.selectAllMatching();
    const second = Array.from({ length: 10 }, (_, i) => image(i + 11));
    page.onPage({ pageIndex: 1, pageSize: 10, length: 37, previousPageIndex: 0 });
    flushList(second, 37);
    expect(page.allMatching()).toBe(true);
    page.toggle(second[0].id); // unticking one row falls back to the other rows of this page
    expect([...page.selected()]).toEqual(second.slice(1).map((i) => i.id));
  });

  // ------------------------------------------------------------------ inline edits in the Unlabelled view

  it('a row labelled inline in the Unlabelled view stays, marked saved, until a refresh', async () => {
    page.setFilter('labelled', 'false');
    flushList(firstPage, 37);
    await render();
    const row = firstPage[3];
    page.labelOne(row, 'colour', 'lilac');
    const req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.body).toEqual({ ids: [row.id], label: { colour: 'lilac' } });
    req.flush({ matched: 1, modified: 1 });
    backend.expectNone((r) => r.method === 'GET' && r.url === BASE); // no reload: the row would vanish
    await render();
    expect(page.items().map((i) => i.id)).toEqual(firstPage.map((i) => i.id));
    expect(page.items()[3]).toEqual(expect.objectContaining({ isLabelled: true, label: { ...row.label, is_cat: true, colour: 'lilac' } }));
    expect(el.querySelectorAll('[data-testid="saved"]').length).toBe(1);

    // the other traits of the same photo can follow (shortcuts read the updated row)
    page.focused.set(3);
    page.onKey(new KeyboardEvent('keydown', { key: 't' }));
    backend.expectOne(`${BASE}/labels`).flush({ matched: 1, modified: 1 });
    expect(page.items()[3].label.is_tabby).toBe(true);

    (el.querySelector('[data-testid="refresh"]') as HTMLButtonElement).click();
    flushList(firstPage.filter((i) => i.id !== row.id), 36);
    await render();
    expect(page.items().some((i) => i.id === row.id)).toBe(false);
    expect(el.querySelector('[data-testid="saved"]')).toBeNull();
    expect(el.querySelector('[data-testid="total"]')?.textContent).toContain('36 images match');
  });

  // ------------------------------------------------------------------ wording

  it('pluralises the counts: "1 image matches", "1 selected", "Delete 1 image"', async () => {
    expect(el.querySelector('[data-testid="total"]')?.textContent?.trim()).toBe('37 images match');
    page.setFilter('source', 'upload');
    flushList(firstPage.slice(0, 1), 1);
    page.toggle(firstPage[0].id);
    page.confirmDelete.set(true);
    await render();
    expect(el.querySelector('[data-testid="total"]')?.textContent?.trim()).toBe('1 image matches');
    expect(el.querySelector('[data-testid="selected-count"]')?.textContent?.trim()).toBe('1 selected');
    expect(el.querySelector('[role="alertdialog"]')?.textContent).toContain('Delete 1 image and their stored files?');
  });
});
