import { Prediction, TraitName, UnsureReason } from '../../shared/models/prediction';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { Vocabulary, findTrait, findValue } from '../../shared/models/vocabulary';

/** One line of the result: a trait, its value in breeder words, and how sure the model is. */
export interface TraitRow {
  name: TraitName;
  traitName: string;
  traitExplanation: string;
  valueLabel: string;
  valueExplanation: string;
  emsCode: string | null;
  /** false when the model gave no answer at all (unsure without a best guess). */
  hasValue: boolean;
  /** undefined: no swatch for this trait; null: colour without a swatch ("other"). */
  swatch: string | null | undefined;
  confidence: number;
  unsure: boolean;
  /** why the model is not sure (absent on older results, and when it is sure) */
  reason: UnsureReason | null;
  /**
   * false when the number would mislead: the model has no head for the trait ("untrained"), or the photo is unlike
   * what it learnt from ("unfamiliar", where a high percentage means little).
   */
  showConfidence: boolean;
  /**
   * For colour and pattern: the values the model that answered has not learnt (e.g. "lilac"), in a sentence; null
   * when it knows them all, when it has not learnt the trait at all (the unsure note says so), or on older results.
   */
  unlearntNote: string | null;
}

export const COAT_TRAITS: TraitName[] = ['colour', 'pattern', 'is_tabby', 'is_pointed'];

/** Builds the rows shown on the result page, in breeder language, using the server vocabulary when loaded. */
export function buildTraitRows(prediction: Prediction, vocabulary: Vocabulary | null): TraitRow[] {
  return COAT_TRAITS.map((name) => {
    const t = prediction.traits[name];
    const trait = findTrait(vocabulary, name) ?? findTrait(FALLBACK_VOCABULARY, name);
    const hasValue = t.value !== null && t.value !== undefined;
    const reason = t.unsure ? (t.reason ?? null) : null;
    const value = hasValue ? (findValue(vocabulary, name, t.value!) ?? findValue(FALLBACK_VOCABULARY, name, t.value!)) : undefined;
    return {
      name,
      traitName: trait?.displayName ?? name,
      traitExplanation: trait?.explanation ?? '',
      hasValue,
      valueLabel: hasValue ? (value?.displayName ?? String(t.value)) : 'Can’t tell',
      valueExplanation: value?.explanation ?? '',
      emsCode: value?.ems ?? null,
      swatch: name === 'colour' && hasValue ? (value?.swatch ?? null) : undefined,
      confidence: t.confidence,
      unsure: t.unsure,
      reason,
      showConfidence: reason !== 'untrained' && reason !== 'unfamiliar',
      unlearntNote: reason === 'untrained' ? null : unlearntNote(prediction, name, vocabulary),
    };
  });
}

/** e.g. "This model has not learnt lilac, cinnamon or fawn yet: …" (shorter the other way round when it knows few). */
function unlearntNote(prediction: Prediction, name: TraitName, vocabulary: Vocabulary | null): string | null {
  if (name !== 'colour' && name !== 'pattern') return null;
  const missing: string[] = prediction.unlearnt?.[name] ?? [];
  if (!missing.length) return null;
  const trait = findTrait(vocabulary, name) ?? findTrait(FALLBACK_VOCABULARY, name);
  const all = (trait?.values ?? []).map((v) => String(v.value));
  const learnt = all.filter((v) => !missing.includes(v));
  const words = (values: string[]) =>
    values.map((v) => (v === 'other' ? 'tortie and other mixed colours' : (findValue(vocabulary, name, v) ?? findValue(FALLBACK_VOCABULARY, name, v))?.displayName.toLowerCase() ?? v));
  const noun = name === 'colour' ? 'colour' : 'pattern';
  if (learnt.length === 0) return null;
  if (learnt.length < missing.length) {
    return `This model has learnt only ${list(words(learnt), 'and')} so far: a cat of another ${noun} gets the nearest of these, or “not sure”.`;
  }
  const those = missing.length === 1 ? `that ${noun}` : `those ${noun}s`;
  return `This model has not learnt ${list(words(missing), 'or')} yet: a cat of ${those} gets the nearest ${noun} it knows, or “not sure”.`;
}

function list(items: string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
