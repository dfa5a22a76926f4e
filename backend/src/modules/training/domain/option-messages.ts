import { TRAIT_NAMES, TraitName } from '../../../ml';
import { TRAINING_LIMITS } from './training-options';
import type { AdminTraitLabels } from '../../../contracts/training';

const L = TRAINING_LIMITS;

/**
 * The labels the admin Training page shows for each start option. API messages name the field as the API
 * spells it, followed by this label, so both an API user and an admin in the browser recognise it.
 */
export const OPTION_LABELS = {
  traits: 'Traits to train',
  validationShare: 'Validation share',
  testShare: 'Test share',
  maxEpochs: 'Epochs cap',
  seed: 'Seed',
  name: 'Model name',
} as const;

/** The trait labels of the Training page (its checkboxes); the Angular app's copy satisfies the same contract. */
export const TRAIT_LABELS: Record<TraitName, string> = {
  is_cat: 'Is a cat',
  colour: 'Colour',
  pattern: 'Pattern',
  is_tabby: 'Tabby',
  is_pointed: 'Colourpoint',
} satisfies AdminTraitLabels;

/** A trait as the Training page names it (its checkboxes), e.g. `Colourpoint` for `is_pointed`; unknown names as they are. */
export function traitLabel(trait: string): string {
  return TRAIT_LABELS[trait as TraitName] ?? trait;
}

/** `maxEpochs (Epochs cap)` */
export function fieldName(field: keyof typeof OPTION_LABELS): string {
  return `${field} (${OPTION_LABELS[field]})`;
}

/** `is_pointed (Colourpoint)` */
export function traitName(trait: TraitName): string {
  return `${trait} (${TRAIT_LABELS[trait]})`;
}

/** Validation messages of the start options (the DTO), each with the allowed range in words. */
export const OPTION_MESSAGES = {
  traitsList: `${fieldName('traits')} must be a list of trait names, or left out to train all traits`,
  traitsEmpty: `${fieldName('traits')} must name at least one trait, or be left out to train all traits`,
  traitsRepeat: `${fieldName('traits')} must not name a trait twice`,
  traitUnknown: `each of ${fieldName('traits')} must be one of: ${TRAIT_NAMES.map(traitName).join(', ')}`,
  validationShare: `${fieldName('validationShare')} must be a number from ${L.validationShare.min} to ${L.validationShare.max}, such as ${L.validationShare.default}`,
  testShare: `${fieldName('testShare')} must be a number from ${L.testShare.min} to ${L.testShare.max}, such as ${L.testShare.default}`,
  maxEpochs: `${fieldName('maxEpochs')} must be a whole number from ${L.maxEpochs.min} to ${L.maxEpochs.max}`,
  seed: `${fieldName('seed')} must be a whole number from ${L.seed.min} to ${L.seed.max}, or left out for a random seed`,
  name: `${fieldName('name')} must be text of at most ${L.nameMaxLength} characters`,
} as const;

/** Rounds away float noise such as 0.30000000000000004 for display. */
function tidy(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * The two hold-outs together must leave enough to learn from. Null when they do (a tolerance keeps
 * 0.4 + 0.2, which is 0.6000000000000001 in floating point, allowed).
 */
export function heldOutShareProblem(validationShare: number, testShare: number): string | null {
  const sum = validationShare + testShare;
  if (sum <= L.heldOutShareMax + 1e-9) return null;
  const learn = Math.round((1 - L.heldOutShareMax) * 100);
  return (
    `${fieldName('validationShare')} + ${fieldName('testShare')} must be at most ${L.heldOutShareMax} together, ` +
    `so at least ${learn} % of the examples are left to learn from (got ${tidy(validationShare)} + ${tidy(testShare)} = ${tidy(sum)})`
  );
}

/** A trait value as the admin's Training images table shows it: `yes` / `no`, else the value (`self`, `bicolour`). */
function valueName(value: string): string {
  return value === 'true' ? 'yes' : value === 'false' ? 'no' : value;
}

/** Why a trait cannot be trained, in the page's words: which values lack examples. */
export function thinTraitProblem(trait: TraitName, counts: Record<string, number>, minPerValue: number): string {
  const entries = Object.entries(counts);
  const have = entries.length ? `labelled so far — ${entries.map(([v, c]) => `${valueName(v)}: ${c}`).join(', ')}` : 'none labelled yet';
  return `${TRAIT_LABELS[trait]} needs at least 2 different values with ${minPerValue} or more labelled images each (${have})`;
}

/** Too few labelled images overall for the chosen traits. */
export function tooFewImagesProblem(count: number, traits: readonly TraitName[], minTotal: number): string {
  return `only ${count} labelled images carry the traits to train (${traits.map((t) => TRAIT_LABELS[t]).join(', ')}); at least ${minTotal} are needed`;
}
