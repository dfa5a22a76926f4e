import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { DatePipe } from '@angular/common';
import { CdkTrapFocus } from '@angular/cdk/a11y';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { describeHttpError } from '../../core/http/http-error';
import { TraitName } from '../../shared/models/prediction';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { VocabularyTrait } from '../../shared/models/vocabulary';
import { VocabularyApi } from '../../shared/vocabulary/vocabulary-api';
import { ColourSwatch } from '../../shared/colour-swatch/colour-swatch';
import {
  AdminPrediction,
  Decision,
  ModelOption,
  PredictionFilter,
  PredictionsReviewApi,
  ReviewResult,
  ReviewStatus,
  TraitLabel,
} from './predictions-api';
import { COAT, TRAITS, changedTraits, confidenceText, labelSummary, predictedLabel, setTrait, startingLabel, swatchOf, traitName, valueName } from './review-label';

interface Chip {
  key: string;
  text: string;
  remove: () => void;
}

const FEEDBACK_OPTIONS: { value: ReviewStatus; text: string }[] = [
  { value: 'rejected', text: 'Rejected by breeder' },
  { value: 'accepted', text: 'Accepted by breeder' },
  { value: 'none', text: 'No breeder feedback' },
];
const REVIEW_OPTIONS: { value: ReviewStatus | 'reviewed'; text: string }[] = [
  { value: 'none', text: 'Not reviewed' },
  { value: 'reviewed', text: 'Reviewed' },
  { value: 'accepted', text: 'Admin accepted' },
  { value: 'rejected', text: 'Admin corrected' },
];

/** The end of the review notice: what the review did to the training set (see the API's TrainingSetOutcome). */
const TRAINING_SET_NOTE: Record<NonNullable<ReviewResult['trainingSet']> | 'none', string> = {
  none: '.',
  added: ' and added the photo to the training set.',
  'existing-labelled': '. The same photo was already in the training set, unlabelled; it now has this label.',
  'existing-kept': '. The same photo was already in the training set with its own label, which was kept: change it on the Images page if it is wrong.',
};

/**
 * The review queue: what breeders said about predictions (rejected first), filters as chips, server-side
 * pages, a review panel per prediction (accept, or correct with the vocabulary and reject; optionally add
 * the photo and label to the training set) and bulk accept/reject for the selected rows.
 */
@Component({
  selector: 'app-predictions-page',
  imports: [
    CdkTrapFocus,
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    ColourSwatch,
  ],
  templateUrl: './predictions-page.html',
  styleUrl: './predictions-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'onEscape($event)' },
})
export class PredictionsPage {
  private readonly api = inject(PredictionsReviewApi);
  private readonly injector = inject(Injector);
  private readonly vocabularyApi = inject(VocabularyApi);

  readonly traits = TRAITS;
  readonly coat = COAT;
  readonly feedbackOptions = FEEDBACK_OPTIONS;
  readonly reviewOptions = REVIEW_OPTIONS;
  readonly columns = ['select', 'photo', 'created', 'predicted', 'breeder', 'admin', 'actions'];

  readonly vocabulary = computed(() => this.vocabularyApi.vocabulary() ?? FALLBACK_VOCABULARY);
  readonly vocabTraits = computed(() => TRAITS.map((t) => this.vocabulary().traits.find((v) => v.name === t)).filter((t): t is VocabularyTrait => !!t));

  // ---- list state
  readonly filter = signal<PredictionFilter>({});
  readonly page = signal(1);
  readonly pageSize = signal(25);
  readonly items = signal<AdminPrediction[]>([]);
  readonly total = signal(0);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly models = signal<ModelOption[]>([]);
  readonly notice = signal<string | null>(null);
  /** Phones only: whether the filters are unfolded (from 720px up they always show; see the stylesheet). */
  readonly filtersOpen = signal(false);

  // ---- selection + bulk
  readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly bulkAddToTraining = signal(true);
  readonly bulkBusy = signal(false);
  readonly bulkError = signal<string | null>(null);
  readonly bulkRejecting = signal(false);
  readonly bulkLabel = signal<TraitLabel>({ is_cat: null, colour: null, pattern: null, is_tabby: null, is_pointed: null });

  // ---- review panel
  readonly current = signal<AdminPrediction | null>(null);
  readonly draft = signal<TraitLabel | null>(null);
  readonly addToTraining = signal(true);
  readonly saving = signal(false);
  readonly panelError = signal<string | null>(null);
  private readonly panel = viewChild<ElementRef<HTMLElement>>('panel');
  private readonly tableCard = viewChild<ElementRef<HTMLElement>>('tableCard');
  /** the table control (Review button or photo) that opened the panel: focus goes back to it when the panel closes */
  private opener: HTMLElement | null = null;

  readonly allOnPageSelected = computed(() => this.items().length > 0 && this.items().every((p) => this.selected().has(p.id)));
  readonly someOnPageSelected = computed(() => this.items().some((p) => this.selected().has(p.id)) && !this.allOnPageSelected());
  readonly changed = computed(() => {
    const p = this.current();
    const d = this.draft();
    return p && d ? changedTraits(p, d) : [];
  });
  readonly chips = computed<Chip[]>(() => {
    const f = this.filter();
    const out: Chip[] = [];
    if (f.feedback) out.push({ key: 'feedback', text: FEEDBACK_OPTIONS.find((o) => o.value === f.feedback)!.text, remove: () => this.patch({ feedback: undefined }) });
    if (f.review) out.push({ key: 'review', text: REVIEW_OPTIONS.find((o) => o.value === f.review)!.text, remove: () => this.patch({ review: undefined }) });
    if (f.modelId) {
      const name = this.models().find((m) => m.id === f.modelId)?.name ?? f.modelId;
      out.push({ key: 'model', text: `Model: ${name}`, remove: () => this.patch({ modelId: undefined }) });
    }
    for (const t of TRAITS) {
      const v = f.traits?.[t];
      if (v) out.push({ key: t, text: `Predicted ${traitName(this.vocabulary(), t).toLowerCase()}: ${this.filterValueName(t, v)}`, remove: () => this.setTraitFilter(t, '') });
    }
    if (f.from) out.push({ key: 'from', text: `From ${f.from}`, remove: () => this.patch({ from: undefined }) });
    if (f.to) out.push({ key: 'to', text: `Until ${f.to}`, remove: () => this.patch({ to: undefined }) });
    return out;
  });

  constructor() {
    this.vocabularyApi.load().subscribe();
    this.api.models().subscribe({ next: (m) => this.models.set(m), error: () => this.models.set([]) });
    this.load();
  }

  // ---- list ----------------------------------------------------------------------------------------

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list(this.filter(), this.page(), this.pageSize()).subscribe({
      next: (res) => {
        this.items.set(res.items);
        this.total.set(res.total);
        this.loading.set(false);
        const cur = this.current();
        if (cur) {
          const fresh = res.items.find((p) => p.id === cur.id);
          if (fresh) this.current.set(fresh);
        }
      },
      error: (err) => {
        this.loading.set(false);
        this.error.set(describeHttpError(err));
      },
    });
  }

  patch(change: Partial<PredictionFilter>): void {
    const next: PredictionFilter = { ...this.filter(), ...change };
    for (const k of Object.keys(next) as (keyof PredictionFilter)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    this.filter.set(next);
    this.page.set(1);
    this.selected.set(new Set());
    this.load();
  }

  setTraitFilter(trait: TraitName, value: string): void {
    const traits = { ...(this.filter().traits ?? {}) };
    if (value) traits[trait] = value;
    else delete traits[trait];
    this.patch({ traits: Object.keys(traits).length ? traits : undefined });
  }

  clearFilters(): void {
    this.filter.set({});
    this.page.set(1);
    this.selected.set(new Set());
    this.load();
  }

  onPage(e: PageEvent): void {
    this.page.set(e.pageIndex + 1);
    this.pageSize.set(e.pageSize);
    this.load();
  }

  filterValueName(trait: TraitName, v: string): string {
    if (v === 'unknown') return 'not sure';
    return valueName(this.vocabulary(), trait, v === 'true' ? true : v === 'false' ? false : v);
  }

  // ---- display helpers -----------------------------------------------------------------------------

  /** a model's name for people (its id when the registry no longer lists it) */
  modelName(id: string): string {
    return this.models().find((m) => m.id === id)?.name ?? id;
  }

  valueName(trait: TraitName, v: unknown): string {
    return valueName(this.vocabulary(), trait, v);
  }
  traitName(trait: TraitName): string {
    return traitName(this.vocabulary(), trait);
  }
  swatch(v: unknown): string | null {
    return swatchOf(this.vocabulary(), v);
  }
  summary(label: Partial<TraitLabel> | null | undefined): string {
    return labelSummary(this.vocabulary(), label);
  }
  /** " · not sure", with why when the prediction says (older predictions do not). */
  confidenceText(p: AdminPrediction, trait: TraitName): string {
    return confidenceText(p.traits[trait]);
  }
  shownTraits(p: AdminPrediction): TraitName[] {
    return p.traits.is_cat.value === false && !p.traits.is_cat.unsure ? ['is_cat'] : TRAITS;
  }
  optionKey(v: string | boolean | null): string {
    return v === null ? '' : String(v);
  }
  fromKey(trait: TraitName, key: string): string | boolean | null {
    if (key === '') return null;
    const vt = this.vocabTraits().find((t) => t.name === trait);
    return vt?.kind === 'boolean' ? key === 'true' : key;
  }

  // ---- selection + bulk ----------------------------------------------------------------------------

  toggle(id: string, on: boolean): void {
    const next = new Set(this.selected());
    if (on) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }

  toggleAll(on: boolean): void {
    const next = new Set(this.selected());
    for (const p of this.items()) {
      if (on) next.add(p.id);
      else next.delete(p.id);
    }
    this.selected.set(next);
  }

  clearSelection(): void {
    this.selected.set(new Set());
    this.bulkRejecting.set(false);
  }

  setBulkTrait(trait: TraitName, key: string): void {
    this.bulkLabel.set(setTrait(this.bulkLabel(), trait, this.fromKey(trait, key)));
  }

  bulk(decision: Decision): void {
    const ids = [...this.selected()];
    if (!ids.length) return;
    let label: Partial<TraitLabel> | undefined;
    if (decision === 'reject') {
      const l = this.bulkLabel();
      label = Object.fromEntries(TRAITS.filter((t) => l[t] !== null).map((t) => [t, l[t]])) as Partial<TraitLabel>;
      if (!Object.keys(label).length) {
        if (this.bulkAddToTraining()) {
          this.bulkError.set('Choose at least one corrected trait: rejected predictions go into the training set with the corrected label.');
          return;
        }
        label = undefined;
      }
    }
    this.bulkBusy.set(true);
    this.bulkError.set(null);
    this.api.bulkReview(ids, { decision, label, addToTraining: this.bulkAddToTraining() }).subscribe({
      next: (res) => {
        this.bulkBusy.set(false);
        this.bulkRejecting.set(false);
        this.selected.set(new Set());
        const added = res.results.filter((r) => r.trainingImageId).length;
        this.notice.set(
          `${decision === 'accept' ? 'Accepted' : 'Corrected'} ${res.reviewed} prediction${res.reviewed === 1 ? '' : 's'}` +
            (this.bulkAddToTraining() ? `; ${added} in the training set` : '') +
            (res.notFound.length ? `; ${res.notFound.length} no longer exist` : '') +
            '.',
        );
        this.load();
      },
      error: (err) => {
        this.bulkBusy.set(false);
        this.bulkError.set(describeHttpError(err));
      },
    });
  }

  // ---- review panel --------------------------------------------------------------------------------

  open(p: AdminPrediction): void {
    const active = document.activeElement;
    this.opener = active instanceof HTMLElement && this.tableCard()?.nativeElement.contains(active) ? active : null;
    this.current.set(p);
    this.draft.set(startingLabel(p));
    this.addToTraining.set(!p.trainingImageId);
    this.panelError.set(null);
    this.notice.set(null);
    afterNextRender(() => this.panel()?.nativeElement.focus(), { injector: this.injector });
  }

  close(): void {
    const id = this.current()?.id;
    this.current.set(null);
    this.draft.set(null);
    if (id) afterNextRender(() => this.restoreFocus(id), { injector: this.injector });
  }

  /**
   * Keyboard: after the panel closes, focus goes back to the control that opened it (the prediction's Review
   * button or photo); when that row has been re-rendered, to its Review button; when the prediction is no longer
   * listed (the filters or the page changed), to the first Review button, else to the table.
   */
  private restoreFocus(id: string): void {
    const card = this.tableCard()?.nativeElement;
    if (!card) return;
    const opener = this.opener;
    this.opener = null;
    const row = (el: Element) => el.closest<HTMLElement>('tr[data-prediction-id]')?.dataset['predictionId'];
    const target =
      (opener?.isConnected && card.contains(opener) && row(opener) === id ? opener : null) ??
      Array.from(card.querySelectorAll<HTMLElement>('[data-testid="open-review"]')).find((b) => row(b) === id) ??
      card.querySelector<HTMLElement>('[data-testid="open-review"]') ??
      card;
    target.focus();
  }

  /** After a save the panel stays open; a button that was disabled while saving has lost focus: keep it in the panel. */
  private keepFocusInPanel(): void {
    afterNextRender(
      () => {
        const panel = this.panel()?.nativeElement;
        if (panel && !panel.contains(document.activeElement)) panel.focus();
      },
      { injector: this.injector },
    );
  }

  setDraft(trait: TraitName, key: string): void {
    const d = this.draft();
    if (d) this.draft.set(setTrait(d, trait, this.fromKey(trait, key)));
  }

  resetDraft(): void {
    const p = this.current();
    if (p) this.draft.set(predictedLabel(p));
  }

  decide(decision: Decision): void {
    const p = this.current();
    const d = this.draft();
    if (!p || !d) return;
    this.saving.set(true);
    this.panelError.set(null);
    const req = decision === 'accept' ? { decision, addToTraining: this.addToTraining() } : { decision, label: d, addToTraining: this.addToTraining() };
    this.api.review(p.id, req).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.current.set(updated);
        this.draft.set(startingLabel(updated));
        this.items.update((list) => list.map((x) => (x.id === updated.id ? updated : x)));
        this.notice.set(`${decision === 'accept' ? 'Accepted' : 'Corrected'} the prediction${TRAINING_SET_NOTE[updated.trainingSet ?? 'none']}`);
        this.keepFocusInPanel();
      },
      error: (err) => {
        this.saving.set(false);
        this.panelError.set(describeHttpError(err));
        this.keepFocusInPanel();
      },
    });
  }

  /** Keyboard: Escape closes the panel (unless it closes an open dropdown first). */
  onEscape(e: Event): void {
    if (e.defaultPrevented || !this.current() || document.querySelector('.cdk-overlay-container .mat-mdc-select-panel')) return;
    this.close();
  }

  statusText(s: ReviewStatus): string {
    return s === 'none' ? 'Not reviewed' : s === 'accepted' ? 'Accepted' : 'Corrected';
  }
}
