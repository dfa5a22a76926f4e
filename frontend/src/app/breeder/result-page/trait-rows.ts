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
    };
  });
}
