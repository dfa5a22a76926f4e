/** Pure mapping from a stored model to what the admin API returns. */
import type { DatasetSummary, HeadlineMetrics, ModelDetail, ModelSummary } from '../../../contracts/models';

export interface StoredModel {
  _id: unknown;
  name: string;
  featureVersion: string;
  isStarter: boolean;
  metrics: Record<string, unknown>;
  datasetSummary: Record<string, unknown>;
  trainingRunId: string | null;
  startedBy: string | null;
  startedByName?: string | null;
  trainingOptions?: Record<string, unknown> | null;
  trainingStartedAt: Date | null;
  trainingEndedAt: Date | null;
  loss: number | null;
  accuracy: number | null;
  createdAt: Date;
}

export type { HeadlineMetrics };

/** What the models API returns: the shared API contract. */
export type ModelSummaryView = ModelSummary;
export type ModelDetailView = ModelDetail;

export function headlineMetrics(metrics: Record<string, unknown> | null | undefined): HeadlineMetrics {
  const out: HeadlineMetrics = {};
  for (const [trait, m] of Object.entries(metrics ?? {})) {
    if (!m || typeof m !== 'object') continue;
    const scalars: Record<string, number> = {};
    for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isFinite(v)) scalars[k] = v;
    }
    out[trait] = scalars;
  }
  return out;
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function toSummaryView(m: StoredModel, activeId: string | null): ModelSummaryView {
  const id = String(m._id);
  const started = m.trainingStartedAt ? new Date(m.trainingStartedAt).getTime() : null;
  const ended = m.trainingEndedAt ? new Date(m.trainingEndedAt).getTime() : null;
  return {
    id,
    name: m.name,
    createdAt: iso(m.createdAt) ?? new Date(0).toISOString(),
    isActive: id === activeId,
    isStarter: !!m.isStarter,
    featureVersion: m.featureVersion,
    metrics: headlineMetrics(m.metrics),
    datasetSummary: (m.datasetSummary ?? {}) as DatasetSummary,
    trainingRunId: m.trainingRunId ?? null,
    startedBy: m.startedBy ?? null,
    startedByName: m.startedByName ?? null,
    trainingOptions: m.trainingOptions ?? null,
    trainingStartedAt: iso(m.trainingStartedAt),
    trainingEndedAt: iso(m.trainingEndedAt),
    durationSeconds: started !== null && ended !== null ? Math.round((ended - started) / 100) / 10 : null,
    loss: m.loss ?? null,
    accuracy: m.accuracy ?? null,
  };
}

export function toDetailView(
  m: StoredModel,
  pointer: { modelId: string; activatedAt: Date | null; activatedBy: string | null } | null,
  heads: Pick<ModelDetail, 'answers' | 'unlearnt'> = { answers: null, unlearnt: null },
): ModelDetailView {
  const summary = toSummaryView(m, pointer?.modelId ?? null);
  const metrics: ModelDetail['metrics'] = {};
  for (const [trait, v] of Object.entries(m.metrics ?? {})) {
    if (v && typeof v === 'object') metrics[trait] = v as ModelDetail['metrics'][string];
  }
  return {
    ...summary,
    metrics,
    activatedAt: summary.isActive ? iso(pointer?.activatedAt) : null,
    activatedBy: summary.isActive ? (pointer?.activatedBy ?? null) : null,
    answers: heads.answers,
    unlearnt: heads.unlearnt,
  };
}
