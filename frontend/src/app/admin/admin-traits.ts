import type { AdminTraitLabels } from '@api/contracts/training';
import type { TraitName } from '../shared/models/prediction';

/** The traits as the admin pages name them (models, training), in the API's order. */
export const TRAIT_ORDER: TraitName[] = ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'];

export const TRAIT_LABELS: Record<TraitName, string> = {
  is_cat: 'Is a cat',
  colour: 'Colour',
  pattern: 'Pattern',
  is_tabby: 'Tabby',
  is_pointed: 'Colourpoint',
} satisfies AdminTraitLabels; // the backend's copy (training messages and log) satisfies the same contract

export function traitLabel(t: string): string {
  return TRAIT_LABELS[t as TraitName] ?? t;
}
