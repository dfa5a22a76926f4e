/** `/api/admin/training-runs…` — training runs. */
import type { DatasetSummary } from './models';

export type TraitName = 'is_cat' | 'colour' | 'pattern' | 'is_tabby' | 'is_pointed';
export type TrainingRunState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type TrainingStage =
  | 'queued'
  | 'snapshot'
  | 'split'
  | 'features'
  | 'training'
  | 'evaluation'
  | 'saving'
  | 'registering'
  | 'done';

export interface EpochPoint {
  trait: string | null;
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
}

/**
 * Limits of the `POST /api/admin/training-runs` options, as literal types (contracts hold no runtime code).
 * The backend's `TRAINING_LIMITS` and the Angular start form's copy both `satisfies` this type, so a limit
 * changed on one side and not here (or here and not on the other side) fails to compile.
 */
/**
 * The trait names the admin pages use (training form, models, training log and messages). The backend's and the
 * Angular app's copies both `satisfies` this type, so one changed alone fails to compile.
 */
export interface AdminTraitLabels {
  is_cat: 'Is a cat';
  colour: 'Colour';
  pattern: 'Pattern';
  is_tabby: 'Tabby';
  is_pointed: 'Colourpoint';
}

export interface TrainingLimits {
  validationShare: { min: 0.05; max: 0.4; default: 0.15 };
  testShare: { min: 0.05; max: 0.4; default: 0.15 };
  /** validationShare + testShare at most this, so at least 40 % of the examples are left to learn from. */
  heldOutShareMax: 0.6;
  maxEpochs: { min: 1; max: 1000; default: 200 };
  seed: { min: 0; max: 2147483647 };
  nameMaxLength: 120;
  /** Fewest labelled examples of each value of a trained trait that a run accepts. */
  minPerValue: 5;
}

export interface TrainingOptionsView {
  traits?: TraitName[];
  validationShare?: number;
  testShare?: number;
  maxEpochs?: number;
  seed?: number;
  name?: string | null;
}

/** `GET /api/admin/training-runs/:id` (and the list items). */
export interface TrainingRun {
  id: string;
  jobId: string;
  state: TrainingRunState;
  stage: TrainingStage;
  stageTitle: string;
  progress: number;
  message: string | null;
  epochs: EpochPoint[];
  etaSeconds: number | null;
  options: TrainingOptionsView;
  datasetSummary: DatasetSummary | null;
  /** per trait: the scalar test metrics */
  metrics: Record<string, Record<string, number>> | null;
  startedBy: string;
  startedByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelRequested: boolean;
  modelId?: string;
  error?: string;
}

/** `GET /api/admin/training-runs/:id/logs?after=` item. */
export interface TrainingLogEntry {
  seq: number;
  timestamp: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** The 400 body of `POST /api/admin/training-runs` when the labelled set is too thin for the traits asked for. */
export interface ThinTrainingSetRefusal {
  statusCode: 400;
  message: string;
  /** one sentence per problem, in the page's words */
  problems: string[];
  /** labelled images per value of each trait asked for */
  counts: Partial<Record<TraitName, Record<string, number>>>;
  /** the traits the labelled set cannot train yet (the page offers to start without them) */
  thinTraits: TraitName[];
}
