import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Subscription, switchMap, takeWhile, timer } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { VocabularyTrait } from '../../shared/models/vocabulary';
import { VocabularyApi } from '../../shared/vocabulary/vocabulary-api';
import { ImportJobView, ImportResult, LicenceFilter, SearchApi, SearchPageResult, SearchProvider, SearchResult, describeSearchError } from './search-api';
import { SelectionState, clearSelection, selectAll, toggleItem } from './search-selection';

const LICENCES: Array<{ value: LicenceFilter; label: string }> = [
  { value: 'any', label: 'Any licence' },
  { value: 'open', label: 'Open licences (CC, public domain)' },
  { value: 'commercial', label: 'Commercial use allowed' },
  { value: 'public-domain', label: 'Public domain only' },
];
/** Providers that give no licence data, so the licence filter cannot apply. */
const NO_LICENCE_FILTER = new Set(['brave']);
const FINAL = new Set(['completed', 'failed', 'cancelled']);

/**
 * Web image search: find candidate training photos on Openverse / Wikimedia Commons / Google / Brave,
 * pick them (click, shift+click ranges, select all on page), choose labels to apply, import them as a
 * background job with progress and a summary. Each tile shows its licence and attribution.
 */
@Component({
  selector: 'app-search-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatSelectModule],
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchPage {
  private readonly api = inject(SearchApi);
  private readonly vocabularyApi = inject(VocabularyApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly licences = LICENCES;
  readonly providers = signal<SearchProvider[]>([]);
  readonly providersError = signal<string | null>(null);

  readonly query = signal('');
  readonly provider = signal('openverse');
  readonly licence = signal<LicenceFilter>('any');
  readonly licenceFilterAvailable = computed(() => !NO_LICENCE_FILTER.has(this.provider()));

  readonly searching = signal(false);
  readonly searchError = signal<string | null>(null);
  readonly page = signal<SearchPageResult | null>(null);
  readonly results = computed(() => this.page()?.results ?? []);

  private readonly selection = signal<SelectionState>(clearSelection());
  /** Every picked result by id (a selection can span pages). */
  private readonly picked = signal<ReadonlyMap<string, SearchResult>>(new Map());
  readonly selectedCount = computed(() => this.selection().selected.size);
  readonly selectableOnPage = computed(() => this.results().filter((r) => !r.alreadyImported).length);

  readonly traits = computed<VocabularyTrait[]>(() => this.vocabularyApi.vocabulary()?.traits ?? []);
  readonly vocabularyError = this.vocabularyApi.error;
  /** Trait name → chosen value (absent = leave unknown). */
  readonly label = signal<Record<string, string | boolean>>({});

  readonly importing = signal<{ percent: number; message: string; jobId: string } | null>(null);
  readonly importError = signal<string | null>(null);
  readonly importResult = signal<ImportResult | null>(null);
  private importSub: Subscription | null = null;

  constructor() {
    this.api
      .providers()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => {
          const enabled = list.filter((p) => p.enabled);
          this.providers.set(enabled);
          if (!enabled.some((p) => p.id === this.provider()) && enabled.length) this.provider.set(enabled[0].id);
        },
        error: (err) => this.providersError.set(describeHttpError(err)),
      });
    this.vocabularyApi.load().pipe(takeUntilDestroyed()).subscribe();
    this.destroyRef.onDestroy(() => this.importSub?.unsubscribe());
  }

  setProvider(id: string): void {
    this.provider.set(id);
    if (NO_LICENCE_FILTER.has(id)) this.licence.set('any');
  }

  search(pageNumber = 1): void {
    const q = this.query().trim();
    if (!q) {
      this.searchError.set('Type some search words first, e.g. “lilac van British Shorthair”.');
      return;
    }
    this.searching.set(true);
    this.searchError.set(null);
    this.api
      .search(q, this.provider(), pageNumber, this.licence())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (res) => {
          this.page.set(res);
          this.selection.update((s) => ({ ...s, anchor: null }));
          this.searching.set(false);
        },
        error: (err) => {
          this.searchError.set(describeSearchError(err));
          this.searching.set(false);
        },
      });
  }

  isSelected(id: string): boolean {
    return this.selection().selected.has(id);
  }

  onTileClick(result: SearchResult, event: MouseEvent): void {
    event.preventDefault();
    const items = this.results().map((r) => ({ id: r.id, disabled: r.alreadyImported }));
    this.applySelection(toggleItem(this.selection(), items, result.id, event.shiftKey));
  }

  selectAllOnPage(): void {
    this.applySelection(selectAll(this.selection(), this.results().map((r) => ({ id: r.id, disabled: r.alreadyImported }))));
  }

  clear(): void {
    this.applySelection(clearSelection());
  }

  private applySelection(next: SelectionState): void {
    const known = new Map(this.picked());
    for (const r of this.results()) known.set(r.id, r);
    this.picked.set(new Map([...next.selected].map((id) => [id, known.get(id)!] as const).filter(([, r]) => !!r)));
    this.selection.set(next);
  }

  setTrait(name: string, value: string | boolean | null): void {
    this.label.update((l) => {
      const next = { ...l };
      if (value === null || value === '') delete next[name];
      else next[name] = value;
      return next;
    });
  }

  traitValue(name: string): string | boolean | null {
    return this.label()[name] ?? null;
  }

  startImport(): void {
    const items = [...this.picked().values()].map((r) => ({
      url: r.url,
      provider: r.provider,
      thumbnailUrl: r.thumbnailUrl,
      ...(r.sourcePage ? { sourcePage: r.sourcePage } : {}),
      licence: r.licence,
      attribution: r.attribution,
    }));
    if (!items.length) return;
    const label = Object.keys(this.label()).length ? this.label() : null;
    this.importError.set(null);
    this.importResult.set(null);
    this.importing.set({ percent: 0, message: `Starting the import of ${items.length} image${items.length === 1 ? '' : 's'}…`, jobId: '' });
    this.importSub?.unsubscribe();
    this.importSub = this.api
      .import(items, label)
      .pipe(
        switchMap(({ jobId }) => {
          this.importing.set({ percent: 0, message: 'Waiting for the worker…', jobId });
          return timer(0, 700).pipe(
            switchMap(() => this.api.job(jobId)),
            takeWhile((job) => !FINAL.has(job.state), true),
          );
        }),
      )
      .subscribe({
        next: (job) => this.onJob(job),
        error: (err) => {
          this.importing.set(null);
          this.importError.set(describeHttpError(err));
        },
      });
  }

  cancelImport(): void {
    const jobId = this.importing()?.jobId;
    if (jobId) this.api.cancel(jobId).subscribe({ error: (err) => this.importError.set(describeHttpError(err)) });
  }

  private onJob(job: ImportJobView): void {
    const d = job.details;
    if (!FINAL.has(job.state)) {
      const counts = d?.total ? ` — ${d.done ?? 0} of ${d.total} done` : '';
      this.importing.set({ percent: job.progress, message: `${d?.message ?? 'Importing…'}${counts}`, jobId: job.id });
      return;
    }
    this.importing.set(null);
    if (job.state === 'completed' && job.result) {
      this.importResult.set(job.result);
      this.applySelection(clearSelection());
      if (this.page()) this.search(this.page()!.page); // refresh "already imported" marks
    } else {
      this.importError.set(job.state === 'cancelled' ? 'The import was cancelled; images imported before that are kept.' : `The import failed: ${job.error ?? 'unknown error'}`);
    }
  }

  displayValue(trait: VocabularyTrait, value: string | boolean): string {
    return trait.values.find((v) => v.value === value)?.displayName ?? String(value);
  }

  size(r: SearchResult): string {
    return r.width && r.height ? `${r.width}×${r.height}` : '';
  }
}
