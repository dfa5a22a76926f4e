/** The phenotype vocabulary as the API speaks it (the engine's own types are checked against these). */

export type TraitName = 'is_cat' | 'colour' | 'pattern' | 'is_tabby' | 'is_pointed';

export type CoatColour = 'black' | 'blue' | 'chocolate' | 'lilac' | 'cinnamon' | 'fawn' | 'red' | 'cream' | 'white' | 'other';

export type CoatPattern = 'self' | 'bicolour' | 'van';

/** A full label: every trait, `null` = unknown. `is_cat: false` means the coat traits do not apply. */
export interface PhenotypeLabel {
  is_cat: boolean | null;
  colour: CoatColour | null;
  pattern: CoatPattern | null;
  is_tabby: boolean | null;
  is_pointed: boolean | null;
}

/**
 * Why the model is not sure of a trait: `uncertain` = its confidence is below the trait's threshold; `unfamiliar` =
 * the photo is unlike the photos it learnt that answer from (its confidence then says little); `untrained` = the
 * model has not learnt the trait at all (too few labelled photos).
 */
export type UnsureReason = 'uncertain' | 'unfamiliar' | 'untrained';

/** One head of the model: its answer, how confident it is (0..1) and whether it is too unsure to trust. */
export interface TraitPrediction<T> {
  /** null when the model gives no answer (unsure, or a coat trait of a non-cat). */
  value: T | null;
  confidence: number;
  unsure: boolean;
  /** Set exactly when `unsure` is true (absent on predictions stored before it existed). */
  reason?: UnsureReason;
}

/**
 * The colours and patterns the model that answered cannot give: it had too few labelled photos of them (e.g. no
 * lilac yet), so a cat of such a value gets the nearest value it knows, or "not sure". A trait the model has not
 * learnt at all lists every value.
 */
export interface UnlearntValues {
  colour: CoatColour[];
  pattern: CoatPattern[];
}

export interface PredictedTraits {
  is_cat: TraitPrediction<boolean>;
  colour: TraitPrediction<CoatColour>;
  pattern: TraitPrediction<CoatPattern>;
  is_tabby: TraitPrediction<boolean>;
  is_pointed: TraitPrediction<boolean>;
}
