/** `GET /api/vocabulary` (public): the words breeders use for each trait, with explanations and EMS codes. */
import type { TraitName } from './phenotype';

export interface VocabularyValue {
  value: string | boolean;
  displayName: string;
  explanation: string;
  /** EMS code fragment, e.g. `a` for blue, `03` for bicolour (null when the value has none). */
  ems: string | null;
  /** CSS colour used for a small swatch next to colour values. */
  swatch: string | null;
}

export interface VocabularyTrait {
  name: TraitName;
  displayName: string;
  explanation: string;
  kind: 'boolean' | 'enum';
  values: VocabularyValue[];
}

export interface Vocabulary {
  traits: VocabularyTrait[];
  /** Breed code used in the EMS-style codes, e.g. `BSH`. */
  breed: string;
  emsExplanation: string;
}
