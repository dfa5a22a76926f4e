import type { TrainingLimits } from '../../../contracts/training';
import { TRAIT_NAMES, TraitName } from '../../../ml';

/** The options a run was started with, after defaults. Frozen on the run record. */
export interface TrainingOptions {
  traits: TraitName[];
  /** Share of the non-test examples held out to stop training early. */
  validationShare: number;
  /** Share of the labelled set kept aside to measure the finished model. */
  testShare: number;
  maxEpochs: number;
  seed: number;
  name: string | null;
}

/** The limits the API enforces; the Angular start form mirrors them (both checked against the contract). */
export const TRAINING_LIMITS = {
  validationShare: { min: 0.05, max: 0.4, default: 0.15 },
  testShare: { min: 0.05, max: 0.4, default: 0.15 },
  /** validationShare + testShare at most this, so at least 40 % of the examples are left to learn from. */
  heldOutShareMax: 0.6,
  maxEpochs: { min: 1, max: 1000, default: 200 },
  seed: { min: 0, max: 2147483647 },
  nameMaxLength: 120,
  /** Fewest labelled examples of each value of a trained trait that a run accepts. */
  minPerValue: 5,
} as const satisfies TrainingLimits;

export function resolveOptions(input: Partial<TrainingOptions>, randomSeed: () => number): TrainingOptions {
  const traits = input.traits?.length ? [...new Set(input.traits)] : [...TRAIT_NAMES];
  return {
    traits: TRAIT_NAMES.filter((t) => traits.includes(t)),
    validationShare: input.validationShare ?? TRAINING_LIMITS.validationShare.default,
    testShare: input.testShare ?? TRAINING_LIMITS.testShare.default,
    maxEpochs: input.maxEpochs ?? TRAINING_LIMITS.maxEpochs.default,
    seed: input.seed ?? randomSeed(),
    name: input.name?.trim() || null,
  };
}
