import { TrainingStage } from '../schemas/training-run.schema';

/** Where each stage sits on the run's 0–100 progress bar. */
export const STAGE_RANGES: Record<Exclude<TrainingStage, 'queued' | 'done'>, [number, number]> = {
  snapshot: [0, 3],
  split: [3, 5],
  features: [5, 45],
  training: [45, 90],
  evaluation: [90, 94],
  saving: [94, 97],
  registering: [97, 100],
};

export const STAGE_TITLES: Record<TrainingStage, string> = {
  queued: 'Waiting for the worker',
  snapshot: 'Freezing the labelled set',
  split: 'Splitting into train / validation / test',
  features: 'Computing image features',
  training: 'Fitting the trait heads',
  evaluation: 'Evaluating on the test split',
  saving: 'Saving the model file',
  registering: 'Registering the model',
  done: 'Finished',
};

/** Overall percent for a fraction (0–1) done within a stage. */
export function overallProgress(stage: keyof typeof STAGE_RANGES, fraction: number): number {
  const [from, to] = STAGE_RANGES[stage];
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  return Math.round((from + (to - from) * f) * 10) / 10;
}

/**
 * Seconds left, extrapolated from the time spent so far; null until there is enough to go on
 * (under 2 % done or under 2 s elapsed).
 */
export function estimateEtaSeconds(startedAtMs: number, nowMs: number, percent: number): number | null {
  const elapsed = (nowMs - startedAtMs) / 1000;
  if (percent < 2 || elapsed < 2 || percent >= 100) return percent >= 100 ? 0 : null;
  return Math.max(0, Math.round((elapsed * (100 - percent)) / percent));
}
