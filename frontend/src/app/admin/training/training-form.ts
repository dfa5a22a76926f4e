import { HttpErrorResponse } from '@angular/common/http';
import type { ThinTrainingSetRefusal, TrainingLimits, TraitName } from '@api/contracts/training';
import type { StartOptions } from './training-api';
import { TRAIT_LABELS, TRAIT_ORDER } from '../admin-traits';

/**
 * The limits the API enforces on a run's options (backend `TRAINING_LIMITS`). Both copies `satisfies` the
 * contract's literal types, so a limit changed on one side only fails to compile. The server still checks
 * everything; this copy only lets the form say what is wrong while the admin types.
 */
export const TRAINING_LIMITS = {
  validationShare: { min: 0.05, max: 0.4, default: 0.15 },
  testShare: { min: 0.05, max: 0.4, default: 0.15 },
  heldOutShareMax: 0.6,
  maxEpochs: { min: 1, max: 1000, default: 200 },
  seed: { min: 0, max: 2147483647 },
  nameMaxLength: 120,
  minPerValue: 5,
} as const satisfies TrainingLimits;

const L = TRAINING_LIMITS;

/** The traits a run can train, in the API's order, with the labels of the page. */
export const TRAIT_OPTIONS: ReadonlyArray<{ value: TraitName; label: string }> = TRAIT_ORDER.map((value) => ({ value, label: TRAIT_LABELS[value] }));

/** What the start form holds (number inputs give `null` when empty or not a number). */
export interface StartFormValue {
  traits: readonly TraitName[];
  validationShare: number | null;
  testShare: number | null;
  maxEpochs: number | null;
  seed: number | null;
  name: string;
}

export type StartFormField = keyof StartFormValue;
/** One message per field that is wrong; empty when the form can be sent. */
export type StartFormErrors = Partial<Record<StartFormField, string>>;

export const FIELD_LABELS: Record<StartFormField, string> = {
  traits: 'Traits to train',
  validationShare: 'Validation share',
  testShare: 'Test share',
  maxEpochs: 'Epochs cap',
  seed: 'Seed',
  name: 'Model name',
};

const FIELD_ORDER: StartFormField[] = ['traits', 'validationShare', 'testShare', 'maxEpochs', 'seed', 'name'];

/** `0.30000000000000004` → `0.3`. */
export function tidy(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

function percent(share: number): number {
  return Math.round(share * 100);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function inRange(v: number | null, min: number, max: number, whole = false): v is number {
  return isNumber(v) && v >= min && v <= max && (!whole || Number.isInteger(v));
}

function shareError(v: number | null, limits: { min: number; max: number }): string | null {
  return inRange(v, limits.min, limits.max)
    ? null
    : `Enter a share from ${limits.min} to ${limits.max} (${percent(limits.min)}–${percent(limits.max)} % of the images).`;
}

/**
 * Checks the form the way the API will (same limits), in the words of the page: each message says what is
 * allowed. The two shares together must leave images to train on; at least one trait must be ticked.
 */
export function startFormErrors(v: StartFormValue): StartFormErrors {
  const errors: StartFormErrors = {};
  if (!v.traits.length) errors.traits = 'Tick at least one trait to train.';

  const validation = shareError(v.validationShare, L.validationShare);
  const test = shareError(v.testShare, L.testShare);
  if (validation) errors.validationShare = validation;
  if (test) errors.testShare = test;
  if (!validation && !test) {
    const vs = v.validationShare as number;
    const ts = v.testShare as number;
    if (vs + ts > L.heldOutShareMax + 1e-9) {
      const rest = `${percent(1 - L.heldOutShareMax)} % of the images must be left to train on`;
      errors.validationShare = `With test share ${tidy(ts)}, use at most ${tidy(L.heldOutShareMax - ts)}: ${rest}.`;
      errors.testShare = `With validation share ${tidy(vs)}, use at most ${tidy(L.heldOutShareMax - vs)}: ${rest}.`;
    }
  }

  if (!inRange(v.maxEpochs, L.maxEpochs.min, L.maxEpochs.max, true)) {
    errors.maxEpochs = `Enter a whole number from ${L.maxEpochs.min} to ${L.maxEpochs.max}.`;
  }
  if (v.seed !== null && !inRange(v.seed, L.seed.min, L.seed.max, true)) {
    errors.seed = `Leave empty for a random seed, or enter a whole number from ${L.seed.min} to ${L.seed.max}.`;
  }
  if (v.name.trim().length > L.nameMaxLength) errors.name = `Use at most ${L.nameMaxLength} characters.`;
  return errors;
}

/** The line next to the disabled Start button: which fields to fix, or null when there is nothing to fix. */
export function startBlockedReason(errors: StartFormErrors): string | null {
  const fields = FIELD_ORDER.filter((f) => errors[f]).map((f) => FIELD_LABELS[f]);
  return fields.length ? `To start, fix: ${fields.join(', ')}.` : null;
}

/** The request body of a valid form: traits in the API's order, optional seed and name only when given. */
export function toStartOptions(v: StartFormValue): StartOptions {
  const options: StartOptions = {
    traits: TRAIT_OPTIONS.map((t) => t.value).filter((t) => v.traits.includes(t)),
    validationShare: Number(v.validationShare),
    testShare: Number(v.testShare),
    maxEpochs: Number(v.maxEpochs),
  };
  if (isNumber(v.seed)) options.seed = v.seed;
  const name = v.name.trim();
  if (name) options.name = name;
  return options;
}

/** The traits to offer leaving out after a refusal (see TrainingPage.leaveOut), with their names for the button. */
export function thinTraitsToLeaveOut(err: unknown, chosen: readonly TraitName[]): { traits: TraitName[]; label: string } | null {
  const body = err instanceof HttpErrorResponse && err.status === 400 ? (err.error as Partial<ThinTrainingSetRefusal> | null) : null;
  const thin = (body?.thinTraits ?? []).filter((t) => chosen.includes(t));
  // only when leaving them out is enough: every problem is a thin trait, and something is left to train
  if (!thin.length || (body?.problems?.length ?? 0) !== thin.length || thin.length >= chosen.length) return null;
  const names = thin.map((t) => TRAIT_LABELS[t]);
  return { traits: thin, label: names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` };
}
