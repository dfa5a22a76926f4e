import { TraitName } from './prediction';

export type { Vocabulary, VocabularyTrait, VocabularyValue } from '@api/contracts/vocabulary';
import type { Vocabulary, VocabularyTrait, VocabularyValue } from '@api/contracts/vocabulary';

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
