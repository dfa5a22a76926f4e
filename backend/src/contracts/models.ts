/** `GET /api/admin/models…` — the model registry. */
import type { TraitName, UnlearntValues } from './phenotype';

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[truth][predicted] */
  matrix: number[][];
}

/** What a training run froze and split (counts), as stored with the run and its model. */
export interface DatasetSummary {
  total?: number;
  train?: number;
  validation?: number;
  test?: number;
  featuresCached?: number;
  featuresComputed?: number;
  /** synthetic copies of rare values (recoloured or mirrored photos; training only; ml/augment.ts) */
  syntheticCopies?: number;
  /** per trait: images per value */
  perTrait?: Record<string, Record<string, number>>;
  samples?: number;
}

/** Per trait: the scalar metrics only (accuracy, balancedAccuracy, macroF1, ece, abstentionRate, n…). */
export type HeadlineMetrics = Record<string, Record<string, number>>;

/** `GET /api/admin/models` item. */
export interface ModelSummary {
  id: string;
  name: string;
  createdAt: string;
  isActive: boolean;
  isStarter: boolean;
  featureVersion: string;
  metrics: HeadlineMetrics;
  datasetSummary: DatasetSummary;
  trainingRunId: string | null;
  startedBy: string | null;
  startedByName: string | null;
  trainingOptions: Record<string, unknown> | null;
  trainingStartedAt: string | null;
  trainingEndedAt: string | null;
  durationSeconds: number | null;
  loss: number | null;
  accuracy: number | null;
}

/** `GET /api/admin/models/:id`, `POST /api/admin/models/:id/activate` */
export interface ModelDetail extends Omit<ModelSummary, 'metrics'> {
  /** Per trait, everything the evaluation produced (confusion matrix, calibration bins…). */
  metrics: Record<string, Record<string, unknown> & { confusion?: ConfusionMatrix }>;
  activatedAt: string | null;
  activatedBy: string | null;
  /** The traits this model answers (the others read "not sure"); null when its stored file cannot be read. */
  answers: TraitName[] | null;
  /**
   * The colours and patterns this model cannot answer (too few labelled photos of them, even with synthetic
   * copies); null when its stored file cannot be read.
   */
  unlearnt: UnlearntValues | null;
}
