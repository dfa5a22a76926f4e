import { confidencePercent } from '../../shared/confidence-bar/confidence-bar';
import { TraitName, TraitPrediction, UnsureReason } from '../../shared/models/prediction';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { Vocabulary, findTrait, findValue } from '../../shared/models/vocabulary';
import { AdminPrediction, TraitLabel } from './predictions-api';

export const TRAITS: TraitName[] = ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'];
export const COAT: TraitName[] = ['colour', 'pattern', 'is_tabby', 'is_pointed'];

/** What the model said as a label: unsure answers are unknown; not a cat clears the coat. */
export function predictedLabel(p: AdminPrediction): TraitLabel {
  const label = {} as TraitLabel;
  for (const t of TRAITS) {
    const tr = p.traits[t];
    label[t] = tr && !tr.unsure ? (tr.value as string | boolean) : null;
  }
  return label.is_cat === false ? clearCoat(label) : label;
}

/**
 * Where the review form starts: the admin's earlier decision if there is one, otherwise the prediction with
 * the breeder's correction applied (the breeder usually knows their cat).
 */
export function startingLabel(p: AdminPrediction): TraitLabel {
  if (p.review) return { ...p.review.label };
  const label = predictedLabel(p);
  // a rejection's correction, or what a breeder who said "right" filled in where the model was not sure
  const c = p.feedback?.correction ?? null;
  if (c) {
    for (const t of TRAITS) if (c[t] !== undefined) label[t] = c[t] as string | boolean | null;
    if (c.is_cat === undefined && COAT.some((t) => c[t] !== undefined && c[t] !== null)) label.is_cat = true;
  }
  return label.is_cat === false ? clearCoat(label) : label;
}

/** Sets one trait the way the server will: no cat clears the coat; a coat value makes it a cat. */
export function setTrait(label: TraitLabel, trait: TraitName, value: string | boolean | null): TraitLabel {
  const next = { ...label, [trait]: value };
  if (trait === 'is_cat' && value === false) return clearCoat(next);
  if (trait !== 'is_cat' && value !== null && next.is_cat === false) next.is_cat = true;
  return next;
}

export function sameLabel(a: TraitLabel, b: TraitLabel): boolean {
  return TRAITS.every((t) => (a[t] ?? null) === (b[t] ?? null));
}

/** Traits where the label differs from what the model said. */
export function changedTraits(p: AdminPrediction, label: TraitLabel): TraitName[] {
  const predicted = predictedLabel(p);
  return TRAITS.filter((t) => (predicted[t] ?? null) !== (label[t] ?? null));
}

function clearCoat(label: TraitLabel): TraitLabel {
  return { ...label, colour: null, pattern: null, is_tabby: null, is_pointed: null };
}

/** Breeder words for a trait value ("Blue", "Yes", "unknown"). */
export function valueName(vocabulary: Vocabulary | null, trait: TraitName, value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  const v = findValue(vocabulary, trait, value as string | boolean) ?? findValue(FALLBACK_VOCABULARY, trait, value as string | boolean);
  if (v) return v.displayName;
  return value === true ? 'yes' : value === false ? 'no' : String(value);
}

export function traitName(vocabulary: Vocabulary | null, trait: TraitName): string {
  return (findTrait(vocabulary, trait) ?? findTrait(FALLBACK_VOCABULARY, trait))?.displayName ?? trait;
}

export function swatchOf(vocabulary: Vocabulary | null, value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = findValue(vocabulary, 'colour', value) ?? findValue(FALLBACK_VOCABULARY, 'colour', value);
  return v?.swatch ?? null;
}

/** A short text of a (partial) label: "Colour: Lilac, Tabby: no". */
export function labelSummary(vocabulary: Vocabulary | null, label: Partial<TraitLabel> | null | undefined): string {
  if (!label) return '';
  return TRAITS.filter((t) => t in label)
    .map((t) => `${traitName(vocabulary, t)}: ${valueName(vocabulary, t, label[t])}`)
    .join(', ');
}

const UNSURE_REASON_TEXT: Record<UnsureReason, string> = {
  uncertain: 'below its threshold',
  unfamiliar: 'unlike its training photos',
  untrained: 'trait not learnt',
};

/**
 * How sure the model was, for the review table: "96%", "55% · not sure (below its threshold)" — but no percentage
 * where it would mislead, as on the breeder's result: a trait the model has not learnt, or a photo unlike its
 * training photos ("100% · not sure" reads as a contradiction).
 */
export function confidenceText(t: TraitPrediction<unknown>): string {
  const why = t.unsure && t.reason ? UNSURE_REASON_TEXT[t.reason] : null;
  const unsure = !t.unsure ? '' : why ? `not sure (${why})` : 'not sure';
  if (t.unsure && (t.reason === 'untrained' || t.reason === 'unfamiliar')) return unsure;
  const percent = `${confidencePercent(t.confidence)}%`;
  return unsure ? `${percent} · ${unsure}` : percent;
}
