import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { SearchPage } from './search-page';
import { SearchResult } from './search-api';

function result(n: number, extra: Partial<SearchResult> = {}): SearchResult {
  return {
    id: `openverse:${n}`,
    provider: 'openverse',
    title: `Cat ${n}`,
    thumbnailUrl: `https://img.test/thumb/${n}.jpg`,
    url: `https://img.test/${n}.jpg`,
    width: 640,
    height: 480,
    sourcePage: `https://www.flickr.com/photos/x/${n}`,
    licence: 'CC BY 2.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/2.0/',
    creator: 'Jane',
    attribution: `"Cat ${n}" by Jane is licensed under CC BY 2.0.`,
    alreadyImported: false,
    ...extra,
  };
}

describe('SearchPage', () => {
  let fixture: ComponentFixture<SearchPage>;
  let page: SearchPage;
  let backend: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SearchPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SearchPage);
    page = fixture.componentInstance;
    el = fixture.nativeElement;
    backend.expectOne('/api/admin/image-search/providers').flush([
      { id: 'openverse', name: 'Openverse', enabled: true, needsKey: false },
      { id: 'google', name: 'Google Programmable Search', enabled: false, needsKey: true },
      { id: 'brave', name: 'Brave Search', enabled: true, needsKey: true },
    ]);
    backend.expectOne('/api/vocabulary').flush({ traits: [], breed: { code: 'BSH', name: 'British Shorthair' } });
    await render();
  });

  afterEach(() => backend.verify());

  async function render() {
    fixture.detectChanges();
    await fixture.whenStable();
  }

  async function searchWith(results: SearchResult[]) {
    page.query.set('lilac van');
    page.search();
    const req = backend.expectOne((r) => r.url === '/api/admin/image-search');
    expect(req.request.params.get('q')).toBe('lilac van');
    expect(req.request.params.get('provider')).toBe('openverse');
    req.flush({ provider: 'openverse', query: 'lilac van', page: 1, pageSize: 20, hasMore: false, total: results.length, licence: 'any', results });
    await render();
  }

  const tiles = () => Array.from(el.querySelectorAll<HTMLButtonElement>('button.pick'));

  it('offers only enabled providers and disables the licence filter for Brave', () => {
    expect(page.providers().map((p) => p.id)).toEqual(['openverse', 'brave']);
    page.licence.set('open');
    page.setProvider('brave');
    expect(page.licence()).toBe('any');
    expect(page.licenceFilterAvailable()).toBe(false);
  });

  it('selects with click and shift-click, skips imported ones, and imports the selection with its licence', async () => {
    await searchWith([result(1), result(2), result(3, { alreadyImported: true }), result(4), result(5)]);
    expect(el.textContent).toContain('"Cat 1" by Jane is licensed under CC BY 2.0.');
    expect(el.textContent).toContain('Already imported');
    tiles()[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    tiles()[3].dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await render();
    expect(page.selectedCount()).toBe(3);
    expect(tiles().map((t) => t.getAttribute('aria-checked'))).toEqual(['true', 'true', 'false', 'true', 'false']);

    page.setTrait('colour', 'lilac');
    page.startImport();
    const req = backend.expectOne('/api/admin/image-search/import');
    expect(req.request.body.label).toEqual({ colour: 'lilac' });
    expect(req.request.body.items.map((i: { url: string }) => i.url)).toEqual(['https://img.test/1.jpg', 'https://img.test/2.jpg', 'https://img.test/4.jpg']);
    expect(req.request.body.items[0]).toEqual({
      url: 'https://img.test/1.jpg',
      provider: 'openverse',
      thumbnailUrl: 'https://img.test/thumb/1.jpg',
      sourcePage: 'https://www.flickr.com/photos/x/1',
      licence: 'CC BY 2.0',
      attribution: '"Cat 1" by Jane is licensed under CC BY 2.0.',
    });
    req.flush({ jobId: 'job-1' });
    await new Promise((r) => setTimeout(r, 10));
    backend.expectOne('/api/admin/jobs/job-1').flush({ id: 'job-1', state: 'completed', progress: 100, result: { imported: 2, duplicates: 1, failed: [] } });
    // the page refreshes the results to mark what is now imported
    backend.expectOne((r) => r.url === '/api/admin/image-search').flush({ provider: 'openverse', query: 'lilac van', page: 1, pageSize: 20, hasMore: false, total: 0, licence: 'any', results: [] });
    await render();
    expect(el.querySelector('[data-testid=import-summary]')?.textContent).toContain('2 imported');
    expect(page.selectedCount()).toBe(0);
  });

  it('shows the provider’s own message on a 502/504', async () => {
    page.query.set('cats');
    page.search();
    backend
      .expectOne((r) => r.url === '/api/admin/image-search')
      .flush({ statusCode: 504, message: 'Openverse did not answer within 10 s. Try again later or use another provider.' }, { status: 504, statusText: 'Gateway Timeout' });
    await render();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Openverse did not answer within 10 s');
  });

  it('asks for search words instead of sending an empty query', () => {
    page.query.set('  ');
    page.search();
    expect(page.searchError()).toMatch(/search words/);
  });
});
