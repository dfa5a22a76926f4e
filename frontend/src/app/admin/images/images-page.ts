import { Directionality } from '@angular/cdk/bidi';
import { DOCUMENT } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, HostListener, Injector, afterNextRender, computed, effect, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Subscription, switchMap, takeWhile, timer } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { AuthImg } from './auth-img';
import { SCROLL_KEYS, arrowStep, firstFocusable, focusIsLost, focusedElement, isOpenSelect, sameColumnControl } from './keyboard';
import { Balance, ImageFilter, ImageSource, ImagesApi, ImportJob, Label, Selection, TrainingImage, TraitKey } from './images-api';
import { COLOURS, PATTERNS, SHORTCUTS, TRAIT_TITLES, count, filterFromQuery, filterToQuery, keepVisible, labelSummary, colourUnknown, imageName, matchCount, nameParts, nothingImportedReason, patternUnknown, shortcutLabel, sourceName, withLabel } from './labelling';

const FINAL = new Set(['completed', 'failed', 'cancelled']);
const SOURCES: ImageSource[] = ['zip', 'upload', 'web-search', 'prediction-review'];

/**
 * Training-data studio: server-side paginated/sortable table with thumbnails, filter chips, selection that can
 * extend to every image matching the filter, bulk and inline labelling (keyboard shortcuts, `?` for help),
 * preview, deletion, ZIP / multi-file upload with job progress, and the class balance.
 */
@Component({
  selector: 'app-images-page',
  imports: [
    AuthImg, FormsModule, MatButtonModule, MatCheckboxModule, MatChipsModule, MatIconModule, MatPaginatorModule,
    MatProgressBarModule, MatSelectModule, MatSortModule, MatTableModule, MatFormFieldModule, MatInputModule,
  ],
  templateUrl: './images-page.html',
  styleUrl: './images-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImagesPage {
  private readonly api = inject(ImagesApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);
  private readonly dir = inject(Directionality);

  readonly colours = COLOURS;
  readonly patterns = PATTERNS;
  readonly sources = SOURCES;
  readonly sourceName = sourceName;
  readonly shortcuts = SHORTCUTS;
  readonly traitTitles = TRAIT_TITLES;
  readonly traitKeys: TraitKey[] = ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'];
  readonly count = count;
  readonly nameParts = nameParts;
  readonly nothingImportedReason = nothingImportedReason;
  readonly patternUnknown = patternUnknown;
  readonly colourUnknown = colourUnknown;
  readonly imageName = imageName;
  readonly matchCount = matchCount;
  readonly trackById = (_: number, row: TrainingImage) => row.id;
  readonly columns = ['select', 'thumb', 'name', 'is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed', 'source', 'createdAt'];

  readonly filter = signal<ImageFilter>({});
  readonly page = signal(1);
  readonly pageSize = signal(25);
  readonly sort = signal<{ active: string; direction: 'asc' | 'desc' }>({ active: 'createdAt', direction: 'desc' });

  readonly items = signal<TrainingImage[]>([]);
  readonly total = signal(0);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);
  /** Rows labelled inline since the last load: they stay on screen (marked) even if they left the filter. */
  readonly edited = signal<ReadonlySet<string>>(new Set());

  readonly selected = signal<ReadonlySet<string>>(new Set());
  /** true = "all N matching this filter" (the selection is the filter, not ids) */
  readonly allMatching = signal(false);
  readonly focused = signal(0);
  readonly selectedCount = computed(() => (this.allMatching() ? this.total() : this.selected().size));
  readonly allOnPageSelected = computed(() => this.items().length > 0 && this.items().every((i) => this.selected().has(i.id)));

  readonly bulkOpen = signal(false);
  readonly bulkLabel = signal<Partial<Record<TraitKey, string>>>({});
  /** Apply does something only once a trait is set to a value or to "unknown" (all "(keep)" changes nothing). */
  readonly bulkChosen = computed(() => Object.values(this.bulkLabel()).some((v) => v !== undefined && v !== ''));
  readonly busy = signal<string | null>(null);
  readonly helpOpen = signal(false);
  readonly preview = signal<TrainingImage | null>(null);
  readonly confirmDelete = signal(false);
  /** Said in the selection bar's live region when Escape cleared the selection (it is gone from sight too). */
  readonly selectionNote = signal<string | null>(null);
  /** What had the focus when the bulk panel / the delete confirmation opened: it gets the focus back. */
  private bulkOpener: HTMLElement | null = null;
  private deleteOpener: HTMLElement | null = null;

  readonly upload = signal<{ phase: 'sending' | 'importing'; percent: number; message: string; name: string } | null>(null);
  readonly uploadResult = signal<ImportJob | null>(null);
  readonly balance = signal<Balance | null>(null);
  readonly balanceOpen = signal(false);
  private listSub: Subscription | null = null;
  private jobSub: Subscription | null = null;

  private readonly helpDialog = viewChild<ElementRef<HTMLDialogElement>>('helpDialog');
  private readonly previewDialog = viewChild<ElementRef<HTMLDialogElement>>('previewDialog');
  private readonly bulkPanel = viewChild<ElementRef<HTMLElement>>('bulkPanel');
  private readonly confirmPanel = viewChild<ElementRef<HTMLElement>>('confirmPanel');

  constructor() {
    // Help and preview are native modal dialogs (top layer: above the app shell, focus moves in and comes back).
    effect(() => syncDialog(this.helpDialog()?.nativeElement, this.helpOpen()));
    effect(() => syncDialog(this.previewDialog()?.nativeElement, !!this.preview()));
    // The bulk panel and the delete confirmation take the focus when they open, for keyboard users.
    effect(() => this.bulkPanel()?.nativeElement.querySelector<HTMLElement>('mat-select')?.focus());
    effect(() => this.confirmPanel()?.nativeElement.querySelector<HTMLElement>('button.cancel')?.focus());
    // the filter lives in the URL: a reload, a shared link or a link from another page (e.g. the review queue's
    // "?source=prediction-review") opens the table filtered
    const q = this.route.snapshot.queryParamMap;
    this.filter.set(filterFromQuery(Object.fromEntries(q.keys.map((k) => [k, q.get(k)]))));
    this.load();
    // Capture phase: runs before a row's mat-select handles the key itself (see onSelectKey).
    const onSelectKey = (e: KeyboardEvent) => this.onSelectKey(e);
    this.host.nativeElement.addEventListener('keydown', onSelectKey, true);
    this.destroyRef.onDestroy(() => {
      this.host.nativeElement.removeEventListener('keydown', onSelectKey, true);
      this.listSub?.unsubscribe();
      this.jobSub?.unsubscribe();
    });
  }

  // ------------------------------------------------------------------ data
  load(): void {
    this.listSub?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.listSub = this.api
      .list({ filter: this.filter(), page: this.page(), pageSize: this.pageSize(), sort: this.sort().active, direction: this.sort().direction })
      .subscribe({
        next: (res) => {
          this.items.set(res.items);
          this.total.set(res.total);
          this.edited.set(new Set());
          this.keepSelectionVisible();
          this.focused.set(Math.min(this.focused(), Math.max(0, res.items.length - 1)));
          this.loading.set(false);
          // a focused control the reload took away (a row that left, "Label…" of an emptied selection)
          this.returnFocus(() => [], true);
        },
        error: (err) => {
          this.error.set(describeHttpError(err));
          this.loading.set(false);
        },
      });
    if (this.balanceOpen()) this.loadBalance();
  }

  loadBalance(): void {
    this.api.balance().subscribe({ next: (b) => this.balance.set(b), error: (err) => this.error.set(describeHttpError(err)) });
  }

  toggleBalance(): void {
    this.balanceOpen.update((v) => !v);
    if (this.balanceOpen()) this.loadBalance();
  }

  setFilter(key: keyof ImageFilter, value: string | undefined): void {
    this.filter.update((f) => {
      const next = { ...f } as Record<string, string | undefined>;
      if (value === undefined || value === '' || next[key] === value) delete next[key];
      else next[key] = value;
      return next as ImageFilter;
    });
    this.page.set(1);
    this.clearSelection();
    this.syncUrl();
    this.load();
  }

  /** Writes the filter into the query string (replacing the history entry: filters are not pages to go back through). */
  private syncUrl(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filterToQuery(this.filter()), replaceUrl: true });
  }

  /** A chip listbox changed (mouse or keyboard): its value is the chosen chip, or undefined when deselected. */
  onChips(key: 'labelled' | 'source', e: MatChipListboxChange): void {
    const value = (e.value as string | null | undefined) ?? undefined;
    if (this.filter()[key] === value) return;
    this.setFilter(key, value);
  }

  clearFilters(): void {
    this.filter.set({});
    this.page.set(1);
    this.clearSelection();
    this.syncUrl();
    this.load();
  }

  onPage(e: PageEvent): void {
    this.page.set(e.pageIndex + 1);
    this.pageSize.set(e.pageSize);
    if (!this.allMatching()) this.selected.set(new Set());
    this.load();
  }

  onSort(s: Sort): void {
    this.sort.set({ active: s.active || 'createdAt', direction: (s.direction || 'desc') as 'asc' | 'desc' });
    this.page.set(1);
    this.load();
  }

  // ------------------------------------------------------------------ selection
  toggle(id: string): void {
    this.selectionNote.set(null);
    this.allMatching.set(false);
    this.selected.update((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }

  togglePage(): void {
    this.selectionNote.set(null);
    this.allMatching.set(false);
    this.selected.set(this.allOnPageSelected() ? new Set() : new Set(this.items().map((i) => i.id)));
  }

  selectAllMatching(): void {
    this.selectionNote.set(null);
    this.allMatching.set(true);
    this.selected.set(new Set(this.items().map((i) => i.id)));
    this.returnFocus(() => [this.control('open-bulk')], true); // its button is gone
  }

  clearSelection(): void {
    this.allMatching.set(false);
    this.selected.set(new Set());
    this.returnFocus(() => [], true); // the selection's buttons are gone
  }

  /**
   * After every reload the selection keeps only the rows still on screen: a bulk label can move rows out of the
   * filter, a sort or an import can move them to another page, and Label / Delete must never reach a row the user
   * cannot see. "All matching" stays the filter (every row shown is ticked). An emptied selection closes its panels.
   */
  private keepSelectionVisible(): void {
    const rows = this.items();
    this.selected.set(this.allMatching() ? new Set(rows.map((i) => i.id)) : keepVisible(this.selected(), rows));
    if (this.selectedCount()) return;
    this.clearSelection();
    this.bulkOpen.set(false);
    this.confirmDelete.set(false);
  }

  private selection(): Selection | null {
    if (this.allMatching()) return { filter: this.filter() };
    const ids = [...this.selected()];
    return ids.length ? { ids } : null;
  }

  // ------------------------------------------------------------------ panels
  openBulk(): void {
    if (!this.selectedCount()) {
      this.notice.set('Select images first (their checkboxes, or the X key on a focused row), then label them with the L key or “Label…”.');
      return;
    }
    this.bulkOpener = focusedElement(this.document);
    // every trait starts at "(keep)": choices left from the last selection would be applied to this one unseen
    this.bulkLabel.set({});
    this.bulkOpen.set(true);
  }

  /** Closes the bulk panel; the focus goes back to what opened it (else "Label…", else Refresh). */
  closeBulk(): void {
    if (!this.bulkOpen()) return;
    this.bulkOpen.set(false);
    this.returnFocus(() => [this.bulkOpener, this.control('open-bulk')]);
  }

  openConfirm(): void {
    this.deleteOpener = focusedElement(this.document);
    this.confirmDelete.set(true);
  }

  /** Closes the delete confirmation; the focus goes back to "Delete…" (else Refresh). */
  closeConfirm(): void {
    if (!this.confirmDelete()) return;
    this.confirmDelete.set(false);
    this.returnFocus(() => [this.deleteOpener, this.control('open-delete')]);
  }

  /**
   * After the next render, if the keyboard focus is nowhere (the control that had it went with its panel or with
   * the selection), gives it to the first of `targets` still on the page, else to Refresh. `onlyIfRemoved`: only
   * when the element focused now is what the render took away, so a reload never moves a focus put elsewhere.
   */
  private returnFocus(targets: () => readonly (Element | null | undefined)[], onlyIfRemoved = false): void {
    const before = focusedElement(this.document);
    if (onlyIfRemoved && !before) return;
    afterNextRender(
      () => {
        if (!focusIsLost(this.document) || (onlyIfRemoved && before?.isConnected)) return;
        firstFocusable([...targets(), this.control('refresh')])?.focus();
      },
      { injector: this.injector },
    );
  }

  private control(testId: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  }

  // ------------------------------------------------------------------ labelling
  setBulk(trait: TraitKey, value: string): void {
    this.bulkLabel.update((l) => ({ ...l, [trait]: value }));
  }

  applyBulk(): void {
    const raw = this.bulkLabel();
    const label: Partial<Label> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (v === undefined || v === '') continue;
      label[k as TraitKey] = v === 'unknown' ? null : v === 'true' ? true : v === 'false' ? false : v;
    }
    const sel = this.selection();
    if (!sel || !Object.keys(label).length) return;
    this.sendLabel(sel, label, () => this.closeBulk());
  }

  labelOne(image: TrainingImage, trait: TraitKey, value: string): void {
    const v = value === 'unknown' ? null : value === 'true' ? true : value === 'false' ? false : value;
    this.labelRow(image, { [trait]: v });
  }

  /**
   * A bulk label of the selected rows updates them in place, like an inline edit: they stay on screen, marked as
   * saved, and selected — even when they no longer match the filter — so the next key labels the same rows
   * (x, then c 1 s). When some were deleted meanwhile the table reloads and the selection keeps what is left.
   * A selection of "all matching the filter" is cleared and the table reloads: the label may have changed which
   * images match, and the next action must not reach images the user did not choose.
   */
  private sendLabel(sel: Selection, label: Partial<Label>, done?: () => void): void {
    this.busy.set('Saving labels…');
    this.api.label(sel, label).subscribe({
      next: (r) => {
        this.busy.set(null);
        this.notice.set(`Labelled ${count(r.matched, 'image')} (${labelSummary(label)}).`);
        done?.();
        if ('filter' in sel) {
          this.clearSelection();
          return this.load();
        }
        if (r.matched < sel.ids.length) return this.load();
        this.markLabelled(sel.ids, label);
      },
      error: (err) => {
        this.busy.set(null);
        this.error.set(describeHttpError(err));
      },
    });
  }

  /**
   * An inline edit (a row's select, or a shortcut on the focus row) updates that row in place instead of reloading:
   * the row stays where it is, marked as saved, even when it no longer matches the filter (the Unlabelled view), so
   * its other traits can be finished. It leaves on the next reload (page, sort, filter, refresh button).
   */
  private labelRow(image: TrainingImage, label: Partial<Label>): void {
    this.busy.set('Saving labels…');
    this.api.label({ ids: [image.id] }, label).subscribe({
      next: (r) => {
        this.busy.set(null);
        this.notice.set(`Labelled ${count(r.matched, 'image')} (${labelSummary(label)}).`);
        if (!r.matched) return this.load(); // deleted meanwhile: show what is there
        this.markLabelled([image.id], label);
      },
      error: (err) => {
        this.busy.set(null);
        this.error.set(describeHttpError(err));
      },
    });
  }

  /** Shows a saved label on rows in place (marked saved until the next reload). */
  private markLabelled(ids: readonly string[], label: Partial<Label>): void {
    const changed = new Set(ids);
    this.items.update((rows) => rows.map((i) => (changed.has(i.id) ? withLabel(i, label) : i)));
    this.edited.update((s) => new Set([...s, ...changed]));
    if (this.balanceOpen()) this.loadBalance();
  }

  deleteSelected(): void {
    const sel = this.selection();
    if (!sel) return;
    this.closeConfirm();
    this.busy.set('Deleting…');
    this.api.delete(sel).subscribe({
      next: (r) => {
        this.busy.set(null);
        this.notice.set(`Deleted ${count(r.deleted, 'image')}.`);
        this.clearSelection();
        this.load();
      },
      error: (err) => {
        this.busy.set(null);
        this.error.set(describeHttpError(err));
      },
    });
  }

  // ------------------------------------------------------------------ uploads
  onZip(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (file) this.track(this.api.uploadZip(file), file.name, file.size);
  }

  onImages(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) {
      const name = files.length === 1 ? files[0].name : count(files.length, 'image');
      this.track(this.api.uploadImages(files), name, files.reduce((a, f) => a + f.size, 0));
    }
  }

  private track(events: ReturnType<ImagesApi['uploadZip']>, name: string, size: number): void {
    this.jobSub?.unsubscribe();
    this.uploadResult.set(null);
    this.error.set(null);
    // the request total (multipart envelope included) once the browser reports it, else the files' size
    const sending = (loaded: number, total = size) => ({
      phase: 'sending' as const,
      percent: total ? Math.min(100, Math.round((loaded / total) * 100)) : 0,
      message: `${megabytes(Math.min(loaded, total))} of ${megabytes(total)} sent`,
      name,
    });
    this.upload.set(sending(0));
    this.jobSub = events.subscribe({
      next: (e) => {
        if (e.type === HttpEventType.UploadProgress) {
          this.upload.set(sending(e.loaded, e.total || size));
        } else if (e.type === HttpEventType.Response && e.body) {
          this.follow(e.body.jobId, name);
        }
      },
      error: (err) => {
        this.upload.set(null);
        this.error.set(describeHttpError(err));
      },
    });
  }

  private follow(jobId: string, name: string): void {
    this.upload.set({ phase: 'importing', percent: 0, message: 'Waiting for the importer…', name });
    this.jobSub = timer(0, 700)
      .pipe(
        switchMap(() => this.api.job(jobId)),
        takeWhile((j) => !FINAL.has(j.state), true),
      )
      .subscribe({
        next: (j) => {
          if (FINAL.has(j.state)) {
            this.upload.set(null);
            this.uploadResult.set(j);
            this.load();
          } else {
            this.upload.set({ phase: 'importing', percent: j.progress, message: j.details?.message ?? 'Importing…', name });
          }
        },
        error: (err) => {
          this.upload.set(null);
          this.error.set(describeHttpError(err));
        },
      });
  }

  // ------------------------------------------------------------------ keyboard
  /** `fromRowSelect`: a key typed on a row's closed select, handed over by onSelectKey (the page's shortcuts apply). */
  @HostListener('document:keydown', ['$event'])
  onKey(e: KeyboardEvent, fromRowSelect = false): void {
    const target = e.target as HTMLElement | null;
    if (target && isTextEntry(target)) return;
    if (!fromRowSelect && target?.closest('mat-select, .mat-mdc-select-panel, .cdk-overlay-container')) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '?') return this.consume(e, () => this.helpOpen.update((v) => !v));
    if (e.key === 'Escape') return this.consume(e, () => this.closeTopmost());
    // while help, preview, the bulk panel or the delete confirmation is open, the keys belong to it
    if (this.helpOpen() || this.preview() || this.bulkOpen() || this.confirmDelete()) return;
    // Enter / Space on a focused button, link, chip or checkbox activate that control, not the focus row
    if ((e.key === 'Enter' || e.key === ' ') && target?.closest('button, a, input, summary, [role="button"], [role="option"], [role="checkbox"]')) return;
    // ↑ / ↓ move the focus row from the table or from nowhere; anywhere else they scroll the page (j / k work anywhere)
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !this.rowKeysApply(target)) return;
    const items = this.items();
    const current = items[this.focused()];
    if (e.key === 'j' || e.key === 'ArrowDown') return this.consume(e, () => this.moveFocusRow(1, target));
    if (e.key === 'k' || e.key === 'ArrowUp') return this.consume(e, () => this.moveFocusRow(-1, target));
    if (e.key === 'x' && current) return this.consume(e, () => this.toggle(current.id));
    if (e.key === 'Enter' && current) return this.consume(e, () => this.preview.set(current));
    if (e.key === 'l') return this.consume(e, () => this.openBulk());
    const action = shortcutLabel(e.key, current?.label);
    if (action && current) {
      this.consume(e, () => {
        if (this.selected().size || this.allMatching()) return this.sendLabel(this.selection()!, action);
        this.labelRow(current, action);
        this.moveFocusRow(1, target);
      });
    }
  }

  /**
   * Keys on a closed select, seen in the capture phase (before the select's own handler):
   * - a row's select: a closed Material select changes its value on the arrows (as a native select does), and the
   *   row would save it at once. ↑ / ↓ go to the same select of the row above / below instead (as the page's ↑ / ↓),
   *   ← / → to the previous / next trait; Home / End / PageUp / PageDown scroll. Enter, Space and Alt+↓ still open
   *   the select, and in the open panel every key is the select's.
   * - a select of the bulk panel: Escape closes the panel (on an open select it only closes the dropdown).
   */
  private onSelectKey(e: KeyboardEvent): void {
    const select = (e.target as Element | null)?.closest?.('mat-select');
    if (!select || isOpenSelect(select) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (select.closest('[data-testid="bulk-panel"]')) {
      if (e.key === 'Escape') this.stop(e, () => this.closeBulk());
      return;
    }
    if (!select.classList.contains('inline')) return;
    if (SCROLL_KEYS.has(e.key)) return e.stopPropagation(); // not to the select; the browser scrolls
    // A typed character would pick a value by its first letter ("b" → black) and save it at once; in the table a
    // typed key is the page's shortcut for the row (b = bicolour, 2 = blue, x = select…), wherever the focus is in it.
    if (e.key.length === 1 && e.key !== ' ') {
      const index = this.rowElements().indexOf(select.closest('tr') as HTMLElement);
      if (index >= 0) this.focused.set(index);
      e.stopPropagation();
      return this.onKey(e, true);
    }
    const step = arrowStep(e.key, this.dir.value === 'rtl');
    if (!step) return;
    this.stop(e, () => {
      const row = select.closest('tr');
      const index = this.rowElements().indexOf(row as HTMLElement);
      if (index < 0) return;
      if (step.rows) return this.moveFocusRow(step.rows, select, index);
      const traits = Array.from(row!.querySelectorAll<HTMLElement>('mat-select.inline'));
      traits[traits.indexOf(select as HTMLElement) + step.cols]?.focus();
    });
  }

  /**
   * A control of a row got the focus: that row becomes the focus row, and the control is scrolled fully into view
   * (on a phone the table scrolls sideways, and the browser's own scroll left a tabbed-to select mostly hidden).
   */
  onRowFocus(index: number, e: FocusEvent): void {
    this.focused.set(index);
    (e.target as HTMLElement | null)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }

  /** Where ↑ / ↓ move the focus row: focus in the table, or nowhere (<body>, the page's <main>). */
  private rowKeysApply(target: HTMLElement | null): boolean {
    if (!target || target === this.document.body || target === this.document.documentElement || target.tagName === 'MAIN') return true;
    return !!target.closest('.table-wrap');
  }

  /**
   * Moves the focus row (from `from`, else the focus row). A control of a row keeps the focus in its column (the
   * "Cat" select, the checkbox…) of the new row; otherwise the new focus row is scrolled into view.
   */
  private moveFocusRow(delta: number, from: Element | null, index = this.focused()): void {
    const last = this.items().length - 1;
    if (last < 0) return;
    const next = Math.max(0, Math.min(last, index + delta));
    this.focused.set(next);
    const rows = this.rowElements();
    const inRow = !!from && rows.some((r) => r.contains(from));
    const control = inRow ? sameColumnControl(from!, rows[next]) : null;
    if (control) return control.focus();
    if (!inRow) afterNextRender(() => this.rowElements()[next]?.scrollIntoView?.({ block: 'nearest' }), { injector: this.injector });
  }

  /** The table's body rows, in the order of items(). */
  private rowElements(): HTMLElement[] {
    return Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>('.table-wrap tr.mat-mdc-row'));
  }

  /** Escape closes the topmost thing: help, preview, delete confirmation, bulk panel, then clears the selection. */
  private closeTopmost(): void {
    if (this.helpOpen()) this.helpOpen.set(false);
    else if (this.preview()) this.preview.set(null);
    else if (this.confirmDelete()) this.closeConfirm();
    else if (this.bulkOpen()) this.closeBulk();
    else {
      const had = this.selectedCount();
      this.clearSelection();
      if (had) this.selectionNote.set('Selection cleared'); // the selection bar is a polite live region
    }
  }

  /** The key is handled here: neither the browser nor the control it was meant for sees it. */
  private stop(e: KeyboardEvent, fn: () => unknown): void {
    e.preventDefault();
    e.stopPropagation();
    fn();
  }

  private consume(e: KeyboardEvent, fn: () => unknown): void {
    e.preventDefault();
    fn();
  }

  display(v: unknown): string {
    return v === null || v === undefined ? '—' : v === true ? 'yes' : v === false ? 'no' : String(v);
  }

  labelText(image: TrainingImage): string {
    return image.isLabelled ? labelSummary(image.label) : 'unlabelled';
  }

  filterValue(key: keyof ImageFilter): string | undefined {
    return this.filter()[key];
  }

  errorMessage(j: ImportJob): string {
    return j.error ?? 'The import failed.';
  }
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function isTextEntry(el: HTMLElement): boolean {
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable) return true;
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'file'].includes((el as HTMLInputElement).type);
}

function syncDialog(el: HTMLDialogElement | undefined, open: boolean): void {
  if (!el || el.open === open) return;
  if (!open) el.close();
  else if (typeof el.showModal === 'function') el.showModal();
  else el.setAttribute('open', '');
}
