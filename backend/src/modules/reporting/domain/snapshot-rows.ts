import type { PhenotypeLabel } from '../../../ml';
import { isValidDay, utcDay } from './dates';
import { LabelDim, labelDim } from './labels';
import { finiteOrNull, meanAccuracy, TraitTestMetric, traitTestMetrics } from './metrics';

/** What the snapshot reads from the other modules (shapes of their service contracts). */
export interface TrainingImageCount {
  label: PhenotypeLabel | null;
  source: string;
  count: number;
}
export type ReviewState = 'none' | 'accepted' | 'rejected';
export interface PredictionCount {
  label: PhenotypeLabel | null;
  modelId: string;
  userReview: ReviewState;
  adminReview: ReviewState;
  count: number;
}
export interface FeedbackAccuracyRow {
  modelId: string;
  day: string;
  trait: string;
  scored: number;
  correct: number;
}
export interface ModelForReporting {
  id: string;
  name?: string | null;
  isStarter?: boolean | null;
  createdAt?: Date | string | null;
  trainingStartedAt?: Date | string | null;
  trainingEndedAt?: Date | string | null;
  metrics?: unknown;
  loss?: number | null;
  accuracy?: number | null;
}

export const REVIEW_STATUS_KEY: Record<ReviewState, number> = { none: 0, accepted: 1, rejected: 2 };

/**
 * The warehouse tables keyed by the snapshot day: taking a day again replaces their rows. Feedback facts are keyed
 * by the prediction's day and upserted by each snapshot, so they are not in the list; deleting a date range clears
 * these and the feedback facts.
 */
export const SNAPSHOT_DAY_TABLES = [
  'fact_training_images_daily_snapshot',
  'fact_training_images_daily_totals',
  'fact_models_daily_snapshot',
  'fact_model_test_metrics_daily_snapshot',
  'fact_predictions_daily_snapshot',
  'fact_predictions_daily_totals',
  'reporting_snapshot_runs',
] as const;

/** Everything one snapshot day writes, already merged to the facts' grain (no duplicate keys). */
export interface SnapshotRows {
  day: string;
  labels: LabelDim[];
  sources: string[];
  models: Array<{
    modelId: string;
    name: string;
    isStarter: boolean;
    createdAt: Date | null;
    trainingStartedAt: Date | null;
    trainingEndedAt: Date | null;
  }>;
  /** Every day a fact row points at (the snapshot day, training dates, feedback days). */
  days: string[];
  trainingImages: Array<{ labelKey: string; source: string; count: number }>;
  modelFacts: Array<{
    modelId: string;
    trainingStartedDay: string | null;
    trainingEndedDay: string | null;
    accuracy: number | null;
    loss: number | null;
    isActive: boolean;
  }>;
  testMetrics: Array<TraitTestMetric & { modelId: string }>;
  predictions: Array<{ modelId: string; labelKey: string; userStatus: number; adminStatus: number; count: number }>;
  feedback: Array<{ day: string; modelId: string; trait: string; scored: number; correct: number }>;
  totals: { trainingImages: number; predictions: number; models: number };
}

function toDate(v: Date | string | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

function count(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/**
 * Turns what the services returned into the rows of one snapshot day. Pure: merges groups that
 * land on the same grain (e.g. an empty label and null are both "unlabelled"), drops zero counts,
 * registers unknown model ids (a model deleted since) so no prediction is lost.
 */
export function buildSnapshotRows(input: {
  day: string;
  trainingImages: TrainingImageCount[];
  predictions: PredictionCount[];
  feedback: FeedbackAccuracyRow[];
  models: ModelForReporting[];
  activeModelId: string | null;
}): SnapshotRows {
  const { day } = input;
  const labels = new Map<string, LabelDim>();
  const days = new Set<string>([day]);
  const useLabel = (l: PhenotypeLabel | null): string => {
    const dim = labelDim(l);
    labels.set(dim.naturalKey, dim);
    return dim.naturalKey;
  };

  const images = new Map<string, { labelKey: string; source: string; count: number }>();
  let imageTotal = 0;
  for (const r of input.trainingImages) {
    const c = count(r.count);
    if (!c) continue;
    const labelKey = useLabel(r.label);
    const source = String(r.source || 'unknown').slice(0, 40);
    const key = `${labelKey}|${source}`;
    const row = images.get(key) ?? { labelKey, source, count: 0 };
    row.count += c;
    images.set(key, row);
    imageTotal += c;
  }

  const models = new Map<string, SnapshotRows['models'][number]>();
  const modelFacts: SnapshotRows['modelFacts'] = [];
  const testMetrics: SnapshotRows['testMetrics'] = [];
  for (const m of input.models) {
    const id = String(m.id);
    if (models.has(id)) continue;
    const started = toDate(m.trainingStartedAt);
    const ended = toDate(m.trainingEndedAt);
    models.set(id, {
      modelId: id,
      name: (m.name ?? '').trim().slice(0, 200) || `Model ${id}`,
      isStarter: !!m.isStarter,
      createdAt: toDate(m.createdAt),
      trainingStartedAt: started,
      trainingEndedAt: ended,
    });
    const startedDay = started ? utcDay(started) : null;
    const endedDay = ended ? utcDay(ended) : null;
    if (startedDay) days.add(startedDay);
    if (endedDay) days.add(endedDay);
    const perTrait = traitTestMetrics(m.metrics);
    modelFacts.push({
      modelId: id,
      trainingStartedDay: startedDay,
      trainingEndedDay: endedDay,
      // right answers over all answered test photos, from the per-trait metrics (as on the Models page); the stored run
      // accuracy only where those are missing (older runs stored a plain mean of the traits)
      accuracy: meanAccuracy(perTrait) ?? finiteOrNull(m.accuracy),
      loss: finiteOrNull(m.loss),
      isActive: id === input.activeModelId,
    });
    for (const t of perTrait) testMetrics.push({ ...t, modelId: id });
  }
  const ensureModel = (id: string) => {
    if (!models.has(id)) {
      models.set(id, { modelId: id, name: `Model ${id} (no longer registered)`, isStarter: false, createdAt: null, trainingStartedAt: null, trainingEndedAt: null });
    }
  };

  const preds = new Map<string, SnapshotRows['predictions'][number]>();
  let predTotal = 0;
  for (const r of input.predictions) {
    const c = count(r.count);
    if (!c) continue;
    const modelId = String(r.modelId ?? 'unknown').slice(0, 64);
    ensureModel(modelId);
    const labelKey = useLabel(r.label);
    const userStatus = REVIEW_STATUS_KEY[r.userReview] ?? 0;
    const adminStatus = REVIEW_STATUS_KEY[r.adminReview] ?? 0;
    const key = `${modelId}|${labelKey}|${userStatus}|${adminStatus}`;
    const row = preds.get(key) ?? { modelId, labelKey, userStatus, adminStatus, count: 0 };
    row.count += c;
    preds.set(key, row);
    predTotal += c;
  }

  const feedback = new Map<string, SnapshotRows['feedback'][number]>();
  for (const r of input.feedback) {
    if (!isValidDay(r.day) || r.day > day) continue;
    const scored = count(r.scored);
    if (!scored) continue;
    const modelId = String(r.modelId ?? 'unknown').slice(0, 64);
    ensureModel(modelId);
    days.add(r.day);
    const key = `${r.day}|${modelId}|${r.trait}`;
    const row = feedback.get(key) ?? { day: r.day, modelId, trait: String(r.trait).slice(0, 20), scored: 0, correct: 0 };
    row.scored += scored;
    row.correct += Math.min(count(r.correct), scored);
    feedback.set(key, row);
  }

  return {
    day,
    labels: [...labels.values()],
    sources: [...new Set([...images.values()].map((r) => r.source))],
    models: [...models.values()],
    days: [...days].sort(),
    trainingImages: [...images.values()],
    modelFacts,
    testMetrics,
    predictions: [...preds.values()],
    feedback: [...feedback.values()],
    totals: { trainingImages: imageTotal, predictions: predTotal, models: input.models.length },
  };
}
