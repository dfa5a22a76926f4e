/** Prediction types shared by the engine, the pool and the API. */
import type { Colour, Pattern } from './vocabulary';

export interface TraitPrediction<T> {
  /** null when the model is not sure (or the trait does not apply: not a cat) */
  value: T | null;
  /** calibrated probability of the model's top answer (0 when the trait is not applicable / has no head) */
  confidence: number;
  /** true = "not sure": the model abstains rather than guess */
  unsure: boolean;
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
}
