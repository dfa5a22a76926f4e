/** `/api/admin/reports…` — the reporting warehouse's chart-ready answers (every number is also shown as a table). */
import type { TraitName } from './phenotype';

export type TrainingGroupBy = TraitName | 'source';
export type PredictionGroupBy = TraitName | 'model' | 'user_review' | 'admin_review';

/** `GET /api/admin/reports/training-images?from=&to=&groupBy=&source=` */
export interface TrainingImagesReport {
  from: string | null;
  to: string | null;
  groupBy: TrainingGroupBy;
  source: string | null;
  /** The last snapshot day in the range (null: no snapshot yet). */
  latestDate: string | null;
  /** On the latest day; `unknown` = labelled images whose value of this trait is not known yet (left out of the balance). */
  totals: { total: number; labelled: number; unlabelled: number; unknown: number };
  series: { date: string; total: number; labelled: number; unlabelled: number }[];
  /** Labelled images per value of `groupBy` on the latest day; share of those with a known value. */
  groups: { key: string; count: number; share: number | null }[];
  bySource: { source: string; labelled: number; unlabelled: number }[];
  /** Every colour × pattern cell, thinnest first. */
  thinnestCells: { colour: string; pattern: string; count: number }[];
}

export interface TraitTestMetric {
  trait: string;
  /** over the answered test photos ("not sure" answers are left out) */
  accuracy: number | null;
  balancedAccuracy: number | null;
  macroF1: number | null;
  /** test photos labelled for the trait (null in snapshots taken before it was recorded) */
  scored: number | null;
  /** how many of them the model answered */
  answered: number | null;
}

export interface ModelReportRow {
  modelId: string;
  name: string;
  isStarter: boolean;
  createdAt: string | null;
  trainingStartedAt: string | null;
  trainingEndedAt: string | null;
  trainingStartedDate: string | null;
  trainingEndedDate: string | null;
  accuracy: number | null;
  loss: number | null;
  isActive: boolean;
  testMetrics: TraitTestMetric[];
}

/** The original design's view: per training start/end dates, min/max/avg accuracy and loss. */
export interface ModelsByTrainingDate {
  trainingStartedDate: string | null;
  trainingEndedDate: string | null;
  models: number;
  minAccuracy: number | null;
  maxAccuracy: number | null;
  avgAccuracy: number | null;
  minLoss: number | null;
  maxLoss: number | null;
  avgLoss: number | null;
}

/** `GET /api/admin/reports/models?from=&to=&model=` */
export interface ModelsReport {
  from: string | null;
  to: string | null;
  model: string | null;
  latestDate: string | null;
  activeModelId: string | null;
  models: ModelReportRow[];
  series: { date: string; modelId: string; name: string; accuracy: number | null; loss: number | null; isActive: boolean }[];
  byTrainingDate: ModelsByTrainingDate[];
  activeModelTestMetrics: TraitTestMetric[];
}

export interface VerdictGroup {
  /** the predicted value ('unknown' = not sure); by a coat trait, 'not-a-cat' groups the predictions that found no cat */
  key: string;
  /** the model's name when grouped by model */
  name?: string;
  total: number;
  userNone: number;
  userAccepted: number;
  userRejected: number;
  adminNone: number;
  adminAccepted: number;
  adminRejected: number;
}

export interface ActiveModelRealWorld {
  modelId: string;
  name: string;
  predictions: number;
  userAccepted: number;
  userRejected: number;
  acceptanceRate: number | null;
  testAccuracy: number | null;
  perTrait: { trait: string; testAccuracy: number | null; realWorldAccuracy: number | null; scored: number }[];
}

/** `GET /api/admin/reports/predictions?from=&to=&groupBy=&model=&trait=` */
export interface PredictionsReport {
  from: string | null;
  to: string | null;
  groupBy: PredictionGroupBy;
  model: string | null;
  trait: string | null;
  latestDate: string | null;
  series: {
    date: string;
    total: number;
    newSincePrevious: number | null;
    userAccepted: number;
    userRejected: number;
    adminAccepted: number;
    adminRejected: number;
  }[];
  groups: VerdictGroup[];
  /** Breeders' verdicts scored per day, model and trait. */
  feedback: { date: string; modelId: string; trait: string; scored: number; correct: number; accuracy: number | null }[];
  realWorldAccuracy: { modelId: string; name: string; trait: string; scored: number; correct: number; accuracy: number | null }[];
  activeModel: ActiveModelRealWorld | null;
}

export interface SnapshotRun {
  date: string;
  takenAt: string;
  durationMs: number;
  trainingImages: number;
  predictions: number;
  models: number;
}

/** `GET /api/admin/reports/snapshots` */
export interface SnapshotRuns {
  lastSnapshot: SnapshotRun | null;
  snapshots: SnapshotRun[];
}
