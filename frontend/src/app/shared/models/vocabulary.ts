import { TraitName } from './prediction';

/** `GET /api/vocabulary`: the words breeders use for each trait, with explanations and EMS codes. */
export interface VocabularyValue {
  value: string | boolean;
  displayName: string;
  explanation: string;
  /** EMS code fragment, e.g. `a` for blue, `03` for bicolour (null when the value has none). */
  ems?: string | null;
  /** CSS colour used for a small swatch next to colour values. */
  swatch?: string | null;
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

export function findTrait(vocabulary: Vocabulary | null | undefined, name: TraitName): VocabularyTrait | undefined {
  return vocabulary?.traits.find((t) => t.name === name);
}

export function findValue(
  vocabulary: Vocabulary | null | undefined,
  name: TraitName,
  value: string | boolean,
): VocabularyValue | undefined {
  return findTrait(vocabulary, name)?.values.find((v) => v.value === value || String(v.value) === String(value));
}
