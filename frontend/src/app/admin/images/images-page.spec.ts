import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { ImagesPage } from './images-page';
import { TrainingImage } from './images-api';
import { SHORTCUTS } from './labelling';

const BASE = '/api/admin/training-images';
/** MatSelect reads keyCode, the page reads key. */
const KEY_CODES: Record<string, number> = { Enter: 13, Escape: 27, ' ': 32, End: 35, Home: 36, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40, j: 74 };

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
    backend.expectNone((r) => r.method === 'GET' && r.url === BASE); // updated in place, no reload
    expect(page.items().find((i) => i.id === firstPage[5].id)?.label).toMatchObject({ colour: 'blue', is_tabby: false });
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

  it('a bulk label keeps the selected rows on screen, marked saved and still selected, even when they leave the filter: the next key labels them too', async () => {
    page.setFilter('is_cat', 'unknown');
    flushList(firstPage, 10);
    page.toggle(firstPage[2].id);
    page.toggle(firstPage[5].id);
    page.onKey(new KeyboardEvent('keydown', { key: 'c' })); // cat: yes — both rows no longer match "cat unknown"
    backend.expectOne(`${BASE}/labels`).flush({ matched: 2, modified: 2 });
    backend.expectNone((r) => r.method === 'GET' && r.url === BASE); // no reload that would take them away
    page.onKey(new KeyboardEvent('keydown', { key: '1' }));
    const next = backend.expectOne(`${BASE}/labels`);
    expect(next.request.body).toEqual({ ids: [firstPage[2].id, firstPage[5].id], label: { colour: 'black' } });
    next.flush({ matched: 2, modified: 2 });
    await render();
    expect(page.selectedCount()).toBe(2);
    const row = page.items().find((i) => i.id === firstPage[5].id)!;
    expect(row.label).toMatchObject({ is_cat: true, colour: 'black' });
    expect(el.querySelectorAll('tr.saved, tr .saved').length).toBeGreaterThan(0);
  });

  it('after a bulk label that found some rows deleted meanwhile, the table reloads and Delete acts on the rows left', () => {
    page.toggle(firstPage[2].id);
    page.toggle(firstPage[5].id);
    page.setBulk('is_cat', 'true');
    page.applyBulk();
    backend.expectOne(`${BASE}/labels`).flush({ matched: 1, modified: 1 });
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

  // ------------------------------------------------------------------ keyboard

  /** A keydown as the browser sends it to the focused element (bubbling, cancelable). */
  function press(target: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
    const e = new KeyboardEvent('keydown', { key, keyCode: KEY_CODES[key] ?? 0, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(e);
    return e;
  }

  function inlineSelect(trait: string, n: number): HTMLElement {
    return el.querySelector<HTMLElement>(`mat-select[aria-label="${trait} of cat-${n}.jpg"]`)!;
  }

  async function focusOn(target: HTMLElement) {
    target.focus();
    await render();
    expect(document.activeElement).toBe(target);
  }

  it('↑ / ↓ on a closed inline select move to the same select of the row below / above: no label is saved', async () => {
    // "yes": a closed select would step to "no" on ↓ (and "—" to "no" on ↑)
    page.items.update((rows) => rows.map((r, i) => (i === 2 ? { ...r, label: { ...r.label, is_cat: true }, isLabelled: true } : r)));
    await render();
    const cat3 = inlineSelect('Cat', 3);
    expect(cat3.textContent).toContain('yes');
    await focusOn(cat3);
    expect(page.focused()).toBe(2); // the focus row follows the keyboard focus

    const down = press(cat3, 'ArrowDown');
    await render();
    expect(down.defaultPrevented).toBe(true);
    backend.expectNone(`${BASE}/labels`);
    expect(page.focused()).toBe(3);
    expect(document.activeElement).toBe(inlineSelect('Cat', 4));
    expect(cat3.getAttribute('aria-expanded')).toBe('false');

    press(inlineSelect('Cat', 4), 'ArrowUp');
    press(inlineSelect('Cat', 3), 'ArrowRight');
    await render();
    expect(document.activeElement).toBe(inlineSelect('Colour', 3));
    press(inlineSelect('Colour', 3), 'ArrowLeft', { shiftKey: true }); // Shift+arrow changes a closed select's value too
    press(inlineSelect('Cat', 3), 'Home');
    press(inlineSelect('Cat', 3), 'End');
    await render();
    expect(document.activeElement).toBe(inlineSelect('Cat', 3));
    expect(page.focused()).toBe(2);

    await focusOn(inlineSelect('Cat', 1));
    press(inlineSelect('Cat', 1), 'ArrowUp'); // the first row stays the first
    await render();
    expect(page.focused()).toBe(0);
    expect(document.activeElement).toBe(inlineSelect('Cat', 1));
    backend.expectNone(`${BASE}/labels`);
    expect(page.items()[2].label.is_cat).toBe(true);
    expect(inlineSelect('Cat', 3).textContent).toContain('yes');
    expect(page.items().filter((i) => i.isLabelled).length).toBe(1);
  });

  it('a control that gets the focus makes its row the focus row and is scrolled fully into view (the table scrolls sideways on phones)', async () => {
    const tabby = inlineSelect('Tabby', 3);
    const scrolled: Element[] = [];
    const had = 'scrollIntoView' in tabby;
    (tabby as { scrollIntoView: (o?: ScrollIntoViewOptions) => void }).scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    await focusOn(tabby);
    expect(page.focused()).toBe(2);
    expect(scrolled).toEqual([tabby]);
    if (!had) delete (tabby as Partial<Element>).scrollIntoView;
  });

  it('Enter on the "What can a ZIP hold?" summary opens that help, not the focus row\'s preview', async () => {
    const summary = el.querySelector('[data-testid=zip-help] summary') as HTMLElement;
    await focusOn(summary);
    const e = press(summary, 'Enter');
    await render();
    expect(e.defaultPrevented).toBe(false);
    expect(page.preview()).toBeNull();
  });

  it('names the duplicates of an import and the photos they repeat, and says their labels were kept', async () => {
    page.uploadResult.set({
      id: 'job-1',
      state: 'completed',
      progress: { percent: 100 },
      result: {
        imported: 1,
        duplicates: 3,
        duplicateEntries: [
          { entry: 'new/tom.jpg', sameAs: 'old/tom.jpg' },
          { entry: 'new/twin.jpg', sameAs: null },
        ],
        rejected: [],
      },
    } as never);
    await render();
    const list = el.querySelector('[data-testid="duplicate-list"]');
    expect(list?.querySelector('summary')?.textContent).toContain('Already in the training set (3)');
    expect(list?.textContent).toContain('keep their own labels');
    expect(list?.textContent).toContain('The first 2 are listed.');
    const items = Array.from(list?.querySelectorAll('li') ?? []).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual(['new/tom.jpg: same photo as old/tom.jpg', 'new/twin.jpg']);
  });

  it('file names wrap after their separators, not in the middle of a word', () => {
    const cell = el.querySelector('td.name');
    expect(cell?.querySelectorAll('wbr').length).toBeGreaterThan(1); // "cat-" "1." "jpg"
    expect(cell?.textContent).toContain('cat-1.jpg');
  });

  it('the bulk panel opens with every trait at "(keep)", whatever was chosen the last time', () => {
    page.toggle(page.items()[0].id);
    page.openBulk();
    page.setBulk('is_tabby', 'false');
    page.closeBulk();
    page.openBulk();
    expect(page.bulkLabel()).toEqual({});
    expect(page.bulkChosen()).toBe(false); // Apply stays disabled until a trait is set
    page.setBulk('colour', 'unknown');
    expect(page.bulkChosen()).toBe(true);
  });

  it('"Label…" with nothing selected says how to select instead of doing nothing', () => {
    page.openBulk();
    expect(page.bulkOpen()).toBe(false);
    expect(page.notice()).toContain('Select images first');
  });

  it("a key typed on a closed inline select is the page's shortcut for that row, not the select's type-ahead", async () => {
    const colour = inlineSelect('Colour', 2);
    await focusOn(colour);
    const b = press(colour, 'b'); // type-ahead would pick "black"; the page's "b" is pattern: bicolour
    await render();
    expect(b.defaultPrevented).toBe(true);
    const req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.body.label).toEqual({ pattern: 'bicolour' });
    expect(req.request.body.ids).toEqual([page.items()[1].id]);
    expect(colour.getAttribute('aria-expanded')).toBe('false');
  });

  it('Enter, Space and Alt+↓ still open an inline select, whose arrows move between the options', async () => {
    const colour = inlineSelect('Colour', 2);
    await focusOn(colour);
    press(colour, 'Enter');
    await render();
    expect(colour.getAttribute('aria-expanded')).toBe('true');
    const active = colour.getAttribute('aria-activedescendant');
    press(colour, 'ArrowUp');
    await render();
    expect(colour.getAttribute('aria-activedescendant')).not.toBe(active); // moved in the panel
    expect(page.focused()).toBe(1); // not the focus row
    backend.expectNone(`${BASE}/labels`);
    press(colour, 'Escape'); // closes the dropdown only
    await render();
    expect(colour.getAttribute('aria-expanded')).toBe('false');

    press(colour, ' ');
    await render();
    expect(colour.getAttribute('aria-expanded')).toBe('true');
    press(colour, 'Escape');
    await render();

    press(colour, 'ArrowDown', { altKey: true });
    await render();
    expect(colour.getAttribute('aria-expanded')).toBe('true');
    press(colour, 'ArrowUp'); // "—" → "other"
    press(colour, 'Enter'); // choosing an option still saves it
    const req = backend.expectOne(`${BASE}/labels`);
    expect(req.request.body).toEqual({ ids: [firstPage[1].id], label: { colour: 'other' } });
    req.flush({ matched: 1, modified: 1 });
  });

  it('Escape on a closed select of the bulk panel closes the panel (focus back on "Label…"); on an open one only its dropdown', async () => {
    page.toggle(firstPage[0].id);
    await render();
    const open = el.querySelector<HTMLButtonElement>('[data-testid="open-bulk"]')!;
    await focusOn(open);
    open.click();
    await render();
    const cat = el.querySelector<HTMLElement>('[data-testid="bulk-is_cat"]')!;
    expect(document.activeElement).toBe(cat); // the panel takes the focus

    press(cat, 'Enter');
    await render();
    expect(cat.getAttribute('aria-expanded')).toBe('true');
    press(cat, 'Escape');
    await render();
    expect(cat.getAttribute('aria-expanded')).toBe('false');
    expect(page.bulkOpen()).toBe(true);
    expect(el.querySelector('[data-testid="bulk-panel"]')).not.toBeNull();

    const esc = press(cat, 'Escape');
    await render();
    expect(esc.defaultPrevented).toBe(true);
    expect(page.bulkOpen()).toBe(false);
    expect(el.querySelector('[data-testid="bulk-panel"]')).toBeNull();
    expect(document.activeElement).toBe(el.querySelector('[data-testid="open-bulk"]'));
    expect(page.selectedCount()).toBe(1); // Escape closed the panel, not the selection
  });

  it('closing the bulk panel or the delete confirmation gives the focus back to its button, or to Refresh once that is gone', async () => {
    page.toggle(firstPage[2].id);
    page.toggle(firstPage[5].id);
    await render();
    const label = () => el.querySelector<HTMLButtonElement>('[data-testid="open-bulk"]');
    const del = () => el.querySelector<HTMLButtonElement>('[data-testid="open-delete"]');
    const refresh = el.querySelector<HTMLButtonElement>('[data-testid="refresh"]')!;
    const panelButton = (text: string) =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('[data-testid="bulk-panel"] button, [role="alertdialog"] button')).find((b) => b.textContent?.trim() === text)!;

    // bulk panel: Cancel
    label()!.click();
    await render();
    await focusOn(panelButton('Cancel'));
    panelButton('Cancel').click();
    await render();
    expect(document.activeElement).toBe(label());

    // bulk panel: Apply (the panel closes; both rows were deleted meanwhile, so the reload drops them from the
    // selection: Label… is gone)
    label()!.click();
    await render();
    page.setBulk('colour', 'cream');
    await render();
    await focusOn(panelButton('Apply'));
    panelButton('Apply').click();
    backend.expectOne(`${BASE}/labels`).flush({ matched: 0, modified: 0 });
    await render();
    expect(page.bulkOpen()).toBe(false);
    expect(document.activeElement).toBe(label());
    flushList(firstPage.filter((_, i) => i !== 2 && i !== 5), 35);
    await render();
    expect(label()).toBeNull();
    expect(document.activeElement).toBe(refresh);

    // delete confirmation: Escape, Cancel, then Delete
    page.toggle(firstPage[0].id);
    await render();
    del()!.focus();
    del()!.click();
    await render();
    expect(document.activeElement).toBe(panelButton('Cancel')); // the confirmation takes the focus
    press(document.activeElement!, 'Escape');
    await render();
    expect(page.confirmDelete()).toBe(false);
    expect(document.activeElement).toBe(del());
    del()!.click();
    await render();
    panelButton('Cancel').click();
    await render();
    expect(document.activeElement).toBe(del());
    del()!.click();
    await render();
    await focusOn(panelButton('Delete'));
    panelButton('Delete').click();
    await render();
    expect(document.activeElement).toBe(del()); // while the delete runs
    backend.expectOne((r) => r.method === 'DELETE' && r.url === BASE).flush({ deleted: 1 });
    await render();
    expect(del()).toBeNull();
    expect(document.activeElement).toBe(refresh);
    flushList(firstPage.slice(1), 34);
    await render();
    expect(document.activeElement).toBe(refresh);
  });

  it('↑ / ↓ move the focus row from the table or with nothing focused, and scroll anywhere else; j / k work page-wide', async () => {
    const balance = button('Balance')!;
    await focusOn(balance);
    const down = press(balance, 'ArrowDown');
    expect(down.defaultPrevented).toBe(false); // the browser scrolls
    expect(page.focused()).toBe(0);
    expect(press(balance, 'j').defaultPrevented).toBe(true);
    expect(page.focused()).toBe(1);
    expect(document.activeElement).toBe(balance);

    balance.blur(); // nothing focused
    expect(press(document.body, 'ArrowDown').defaultPrevented).toBe(true);
    expect(page.focused()).toBe(2);
    press(document.body, 'ArrowUp');
    expect(page.focused()).toBe(1);

    // in the table: the focus stays in its column (the row's checkbox here)
    const checkbox = (n: number) => el.querySelector<HTMLInputElement>(`input[aria-label="Select cat-${n}.jpg"]`)!;
    await focusOn(checkbox(5));
    expect(page.focused()).toBe(4);
    expect(press(checkbox(5), 'ArrowDown').defaultPrevented).toBe(true);
    await render();
    expect(page.focused()).toBe(5);
    expect(document.activeElement).toBe(checkbox(6));
    press(checkbox(6), 'k');
    await render();
    expect(page.focused()).toBe(4);
    expect(document.activeElement).toBe(checkbox(5));
  });

  it('Escape with nothing open clears the selection, says so in the live region, and the help overlay tells it', async () => {
    page.toggle(firstPage[0].id);
    await render();
    press(document.body, 'Escape');
    await render();
    expect(page.selectedCount()).toBe(0);
    const note = el.querySelector('.selection-bar[role="status"] [data-testid="selection-note"]');
    expect(note?.textContent?.trim()).toBe('Selection cleared');
    page.toggle(firstPage[1].id); // a new selection takes the note away
    await render();
    expect(el.querySelector('[data-testid="selection-note"]')).toBeNull();

    press(document.body, '?');
    await render();
    const help = el.querySelector('[data-testid="help"]')!.textContent ?? '';
    expect(help).toContain('Close a panel, else clear the selection');
    expect(help).toMatch(/elsewhere they scroll the page/);
    expect(SHORTCUTS.find((s) => s.keys === 'Esc')?.action).toBe('Close a panel, else clear the selection');
  });
});
