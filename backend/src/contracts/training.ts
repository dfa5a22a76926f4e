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
