/** Shapes of the public predictions API (`/api/predictions`). Shared by the breeder and admin areas. */

export type TraitName = 'is_cat' | 'colour' | 'pattern' | 'is_tabby' | 'is_pointed';

export type CoatColour =
  | 'black' | 'blue' | 'chocolate' | 'lilac' | 'cinnamon' | 'fawn' | 'red' | 'cream' | 'white' | 'other';

export type CoatPattern = 'self' | 'bicolour' | 'van';

/** One head of the model: its answer, how confident it is (0..1) and whether it is too unsure to trust. */
export interface TraitPrediction<T> {
  /** null when the model gives no answer (unsure without a best guess, or a coat trait of a non-cat). */
  value: T | null;
  confidence: number;
  unsure: boolean;
}

export interface PredictedTraits {
  is_cat: TraitPrediction<boolean>;
  colour: TraitPrediction<CoatColour>;
  pattern: TraitPrediction<CoatPattern>;
  is_tabby: TraitPrediction<boolean>;
  is_pointed: TraitPrediction<boolean>;
}

/** What a breeder may correct; every field optional. */
export interface TraitCorrection {
  is_cat?: boolean;
  colour?: CoatColour;
  pattern?: CoatPattern;
  is_tabby?: boolean;
  is_pointed?: boolean;
}

export interface PredictionFeedback {
  accepted: boolean;
  correction: TraitCorrection | null;
  createdAt: string;
}

export interface Prediction {
  id: string;
  modelId: string;
  createdAt: string;
  /** Same-origin URL of the stored photo, e.g. `/api/predictions/:id/image`. */
  imageUrl: string;
  traits: PredictedTraits;
  /** EMS-style code, e.g. `BSH a 03`. May be empty when the photo is not a cat. */
  breederCode: string | null;
  /** Breeder name, e.g. `Blue bicolour`. */
  breederName: string | null;
  feedback: PredictionFeedback | null;
}

export interface FeedbackRequest {
  accepted: boolean;
  correction?: TraitCorrection;
}
