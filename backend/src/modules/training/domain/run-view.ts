import type { DatasetSummary } from '../../../contracts/models';
import type { TrainingOptionsView, TrainingRun } from '../../../contracts/training';
import { EpochRecord, TrainingRunState, TrainingStage } from '../schemas/training-run.schema';
import { STAGE_TITLES } from './progress';

/** What the training-runs API returns for a run: the shared API contract. */
export type TrainingRunView = TrainingRun;

export interface StoredRun {
  _id: unknown;
  jobId: string;
  state: TrainingRunState;
  stage: TrainingStage;
  progress: number;
  message?: string | null;
  epochs?: EpochRecord[];
  etaSeconds?: number | null;
  options: Record<string, unknown>;
  datasetSummary?: Record<string, unknown> | null;
  metrics?: Record<string, unknown> | null;
  startedBy: string;
  startedByName?: string | null;
  createdAt: Date;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  cancelRequested?: boolean;
  modelId?: string | null;
  error?: string | null;
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function toRunView(r: StoredRun): TrainingRunView {
  const view: TrainingRunView = {
    id: String(r._id),
    jobId: r.jobId,
    state: r.state,
    stage: r.stage,
    stageTitle: STAGE_TITLES[r.stage] ?? r.stage,
    progress: r.state === 'completed' ? 100 : r.progress,
    message: r.message ?? null,
    epochs: (r.epochs ?? []).map((e) => ({
      trait: e.trait ?? null,
      epoch: e.epoch,
      loss: e.loss,
      accuracy: e.accuracy,
      valLoss: e.valLoss ?? null,
      valAccuracy: e.valAccuracy ?? null,
    })),
    etaSeconds: r.state === 'running' ? (r.etaSeconds ?? null) : null,
    options: r.options as TrainingOptionsView,
    datasetSummary: (r.datasetSummary as DatasetSummary | null | undefined) ?? null,
    metrics: (r.metrics as Record<string, Record<string, number>> | null | undefined) ?? null,
    startedBy: r.startedBy,
    startedByName: r.startedByName ?? null,
    createdAt: iso(r.createdAt)!,
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    cancelRequested: !!r.cancelRequested,
  };
  if (r.modelId) view.modelId = r.modelId;
  if (r.error) view.error = r.error;
  return view;
}
