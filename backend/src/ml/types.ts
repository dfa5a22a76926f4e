/** Prediction types shared by the engine, the pool and the API. */
import type { Colour, Pattern } from './vocabulary';

/**
 * Why a trait is "not sure": `uncertain` = the calibrated confidence is below the trait's threshold; `unfamiliar` =
 * the photo is unlike every training photo of the answer it would give (the open-set guard), so its confidence
 * says little; `untrained` = this model has no head for the trait (too few labelled photos of two or more values).
 */
export type UnsureReason = 'uncertain' | 'unfamiliar' | 'untrained';

export interface TraitPrediction<T> {
  /** null when the model is not sure (or the trait does not apply: not a cat) */
  value: T | null;
  /** calibrated probability of the model's top answer (0 when the trait is not applicable / has no head) */
  confidence: number;
  /** true = "not sure": the model abstains rather than guess */
  unsure: boolean;
  /** set exactly when `unsure` is true */
  reason?: UnsureReason;
}

/**
 * Values of the multi-valued traits that the answering model cannot give, because it had too few labelled photos
 * of them (e.g. no lilac): a cat of such a value gets the nearest value the model knows, or "not sure". A trait
 * with no head at all lists every value. (The yes/no traits have a head with both answers, or none.)
 */
export interface UnlearntValues {
  colour: Colour[];
  pattern: Pattern[];
}

export interface PhenotypePrediction {
  traits: {
    is_cat: TraitPrediction<boolean>;
    colour: TraitPrediction<Colour>;
    pattern: TraitPrediction<Pattern>;
    is_tabby: TraitPrediction<boolean>;
    is_pointed: TraitPrediction<boolean>;
  };
  breederCode: string | null;
  breederName: string | null;
  unlearnt: UnlearntValues;
}
