import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PredictionGroupBy, TrainingGroupBy } from './dto/reports.dto';
import type { ModelsByTrainingDate } from '../../contracts/reports';
import { SNAPSHOT_DAY_TABLES } from './domain/snapshot-rows';

export interface Range {
  from: string | null;
  to: string | null;
}

const RANGE = (col: string, a: number, b: number) => `($${a}::date IS NULL OR ${col} >= $${a}::date) AND ($${b}::date IS NULL OR ${col} <= $${b}::date)`;

/** Group keys as SQL over the joined dimensions (whitelisted: never built from user text). */
const TRAINING_KEY: Record<TrainingGroupBy, string> = {
  colour: 'l.colour',
  pattern: 'l.pattern',
  is_tabby: 'l.is_tabby::text',
  is_pointed: 'l.is_pointed::text',
  is_cat: 'l.is_cat::text',
  source: 's.name',
};
const PREDICTION_KEY: Record<PredictionGroupBy, string> = {
  colour: 'l.colour',
  pattern: 'l.pattern',
  is_tabby: 'l.is_tabby::text',
  is_pointed: 'l.is_pointed::text',
  is_cat: 'l.is_cat::text',
  model: 'm.model_id',
  user_review: 'us.name',
  admin_review: 'ad.name',
};
const COAT = new Set(['colour', 'pattern', 'is_tabby', 'is_pointed']);
/** The group key of predictions that found no cat, when predictions are grouped by a coat trait. */
export const NOT_A_CAT = 'not-a-cat';

/** The only code that reads and deletes warehouse rows for the reports API. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---- training images -------------------------------------------------------------------------

  async trainingSeries(r: Range, source: string | null) {
    return (await this.db.query(
      `SELECT t.date_key::text AS date,
              SUM(t.image_count)::int AS total,
              COALESCE(SUM(t.image_count) FILTER (WHERE NOT t.is_unlabelled), 0)::int AS labelled,
              COALESCE(SUM(t.image_count) FILTER (WHERE t.is_unlabelled), 0)::int AS unlabelled
         FROM fact_training_images_daily_totals t
         JOIN dim_training_image_source s ON s.source_key = t.source_key
        WHERE ${RANGE('t.date_key', 1, 2)} AND ($3::text IS NULL OR s.name = $3)
        GROUP BY t.date_key ORDER BY t.date_key`,
      [r.from, r.to, source],
    )) as Array<{ date: string; total: number; labelled: number; unlabelled: number }>;
  }

  /**
   * Label balance per day and group value: labelled images only (unlabelled are reported apart);
   * for coat traits, images labelled "not a cat" are left out (the trait does not apply to them).
   */
  async trainingGroups(day: string, source: string | null, groupBy: TrainingGroupBy) {
    const coat = COAT.has(groupBy) ? 'AND l.is_cat IS DISTINCT FROM false' : '';
    return (await this.db.query(
      `SELECT ${TRAINING_KEY[groupBy]} AS key, SUM(f.image_count)::int AS count
         FROM fact_training_images_daily_snapshot f
         JOIN dim_label l ON l.label_key = f.label_key
         JOIN dim_training_image_source s ON s.source_key = f.source_key
        WHERE f.date_key = $1::date AND ($2::text IS NULL OR s.name = $2) AND NOT l.is_unlabelled ${coat}
        GROUP BY 1`,
      [day, source],
    )) as Array<{ key: string | null; count: number }>;
  }

  async trainingBySource(day: string, source: string | null) {
    return (await this.db.query(
      `SELECT s.name AS source,
              COALESCE(SUM(f.image_count) FILTER (WHERE NOT l.is_unlabelled), 0)::int AS labelled,
              COALESCE(SUM(f.image_count) FILTER (WHERE l.is_unlabelled), 0)::int AS unlabelled
         FROM fact_training_images_daily_snapshot f
         JOIN dim_label l ON l.label_key = f.label_key
         JOIN dim_training_image_source s ON s.source_key = f.source_key
        WHERE f.date_key = $1::date AND ($2::text IS NULL OR s.name = $2)
        GROUP BY s.name ORDER BY s.name`,
      [day, source],
    )) as Array<{ source: string; labelled: number; unlabelled: number }>;
  }

  async colourPatternCells(day: string, source: string | null) {
    return (await this.db.query(
      `SELECT l.colour, l.pattern, SUM(f.image_count)::int AS count
         FROM fact_training_images_daily_snapshot f
         JOIN dim_label l ON l.label_key = f.label_key
         JOIN dim_training_image_source s ON s.source_key = f.source_key
        WHERE f.date_key = $1::date AND ($2::text IS NULL OR s.name = $2)
          AND NOT l.is_unlabelled AND l.is_cat IS DISTINCT FROM false AND l.colour IS NOT NULL AND l.pattern IS NOT NULL
        GROUP BY l.colour, l.pattern`,
      [day, source],
    )) as Array<{ colour: string; pattern: string; count: number }>;
  }

  // ---- models ----------------------------------------------------------------------------------

  async latestModelsDay(r: Range): Promise<string | null> {
    const rows = await this.db.query(`SELECT MAX(date_key)::text AS day FROM fact_models_daily_snapshot f WHERE ${RANGE('f.date_key', 1, 2)}`, [r.from, r.to]);
    return rows[0]?.day ?? null;
  }

  async modelsOn(day: string, model: string | null) {
    return (await this.db.query(
      `SELECT m.model_id AS "modelId", m.name, m.is_starter AS "isStarter", m.created_at AS "createdAt",
              m.training_started_at AS "trainingStartedAt", m.training_ended_at AS "trainingEndedAt",
              f.training_started_date_key::text AS "trainingStartedDate", f.training_ended_date_key::text AS "trainingEndedDate",
              f.accuracy, f.loss, f.is_active AS "isActive"
         FROM fact_models_daily_snapshot f JOIN dim_model m ON m.model_key = f.model_key
        WHERE f.date_key = $1::date AND ($2::text IS NULL OR m.model_id = $2)
        ORDER BY COALESCE(m.training_ended_at, m.created_at) NULLS FIRST, m.model_key`,
      [day, model],
    )) as Array<{
      modelId: string;
      name: string;
      isStarter: boolean;
      createdAt: Date | null;
      trainingStartedAt: Date | null;
      trainingEndedAt: Date | null;
      trainingStartedDate: string | null;
      trainingEndedDate: string | null;
      accuracy: number | null;
      loss: number | null;
      isActive: boolean;
    }>;
  }

  async testMetricsOn(day: string, model: string | null) {
    return (await this.db.query(
      `SELECT m.model_id AS "modelId", t.trait, t.accuracy, t.balanced_accuracy AS "balancedAccuracy", t.macro_f1 AS "macroF1", t.scored, t.answered
         FROM fact_model_test_metrics_daily_snapshot t JOIN dim_model m ON m.model_key = t.model_key
        WHERE t.date_key = $1::date AND ($2::text IS NULL OR m.model_id = $2)
        ORDER BY m.model_id, t.trait`,
      [day, model],
    )) as Array<{ modelId: string; trait: string; accuracy: number | null; balancedAccuracy: number | null; macroF1: number | null; scored: number | null; answered: number | null }>;
  }

  async modelSeries(r: Range, model: string | null) {
    return (await this.db.query(
      `SELECT f.date_key::text AS date, m.model_id AS "modelId", m.name, f.accuracy, f.loss, f.is_active AS "isActive"
         FROM fact_models_daily_snapshot f JOIN dim_model m ON m.model_key = f.model_key
        WHERE ${RANGE('f.date_key', 1, 2)} AND ($3::text IS NULL OR m.model_id = $3)
        ORDER BY f.date_key, m.model_key`,
      [r.from, r.to, model],
    )) as Array<{ date: string; modelId: string; name: string; accuracy: number | null; loss: number | null; isActive: boolean }>;
  }

  /** The original design's view: per training start/end dates, min/max/avg accuracy and loss. */
  async modelsByTrainingDate(day: string, model: string | null) {
    return (await this.db.query(
      `SELECT f.training_started_date_key::text AS "trainingStartedDate", f.training_ended_date_key::text AS "trainingEndedDate",
              COUNT(*)::int AS models,
              MIN(f.accuracy) AS "minAccuracy", MAX(f.accuracy) AS "maxAccuracy", AVG(f.accuracy) AS "avgAccuracy",
              MIN(f.loss) AS "minLoss", MAX(f.loss) AS "maxLoss", AVG(f.loss) AS "avgLoss"
         FROM fact_models_daily_snapshot f JOIN dim_model m ON m.model_key = f.model_key
        WHERE f.date_key = $1::date AND ($2::text IS NULL OR m.model_id = $2)
        GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST`,
      [day, model],
    )) as ModelsByTrainingDate[];
  }

  // ---- predictions -----------------------------------------------------------------------------

  async predictionSeries(r: Range, model: string | null) {
    return (await this.db.query(
      `SELECT f.date_key::text AS date, SUM(f.prediction_count)::int AS total,
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.user_review_status_key = 1), 0)::int AS "userAccepted",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.user_review_status_key = 2), 0)::int AS "userRejected",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.admin_review_status_key = 1), 0)::int AS "adminAccepted",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.admin_review_status_key = 2), 0)::int AS "adminRejected"
         FROM fact_predictions_daily_totals f JOIN dim_model m ON m.model_key = f.model_key
        WHERE ${RANGE('f.date_key', 1, 2)} AND ($3::text IS NULL OR m.model_id = $3)
        GROUP BY f.date_key ORDER BY f.date_key`,
      [r.from, r.to, model],
    )) as Array<{ date: string; total: number; userAccepted: number; userRejected: number; adminAccepted: number; adminRejected: number }>;
  }

  async predictionGroups(day: string, model: string | null, groupBy: PredictionGroupBy) {
    // by a coat trait, predictions of "not a cat" are a group of their own: every prediction is counted once
    const key = COAT.has(groupBy) ? `CASE WHEN l.is_cat = false THEN '${NOT_A_CAT}' ELSE ${PREDICTION_KEY[groupBy]} END` : PREDICTION_KEY[groupBy];
    return (await this.db.query(
      `SELECT ${key} AS key, SUM(f.prediction_count)::int AS total,
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.user_review_status_key = 0), 0)::int AS "userNone",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.user_review_status_key = 1), 0)::int AS "userAccepted",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.user_review_status_key = 2), 0)::int AS "userRejected",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.admin_review_status_key = 0), 0)::int AS "adminNone",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.admin_review_status_key = 1), 0)::int AS "adminAccepted",
              COALESCE(SUM(f.prediction_count) FILTER (WHERE f.admin_review_status_key = 2), 0)::int AS "adminRejected"
         FROM fact_predictions_daily_snapshot f
         JOIN dim_model m ON m.model_key = f.model_key
         JOIN dim_label l ON l.label_key = f.label_key
         JOIN dim_prediction_review_status us ON us.status_key = f.user_review_status_key
         JOIN dim_prediction_review_status ad ON ad.status_key = f.admin_review_status_key
        WHERE f.date_key = $1::date AND ($2::text IS NULL OR m.model_id = $2)
        GROUP BY 1 ORDER BY 2 DESC, 1`,
      [day, model],
    )) as Array<{ key: string | null; total: number; userNone: number; userAccepted: number; userRejected: number; adminNone: number; adminAccepted: number; adminRejected: number }>;
  }

  async feedback(r: Range, model: string | null, trait: string | null) {
    return (await this.db.query(
      `SELECT f.date_key::text AS date, m.model_id AS "modelId", f.trait, f.scored, f.correct
         FROM fact_prediction_feedback_daily f JOIN dim_model m ON m.model_key = f.model_key
        WHERE ${RANGE('f.date_key', 1, 2)} AND ($3::text IS NULL OR m.model_id = $3) AND ($4::text IS NULL OR f.trait = $4)
        ORDER BY f.date_key, m.model_id, f.trait`,
      [r.from, r.to, model, trait],
    )) as Array<{ date: string; modelId: string; trait: string; scored: number; correct: number }>;
  }

  async modelNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: Array<{ model_id: string; name: string }> = await this.db.query(`SELECT model_id, name FROM dim_model WHERE model_id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((r) => [r.model_id, r.name]));
  }

  // ---- snapshots and deletion ------------------------------------------------------------------

  async snapshotRuns(limit = 60) {
    return (await this.db.query(
      `SELECT date_key::text AS date, taken_at AS "takenAt", duration_ms AS "durationMs", training_images AS "trainingImages", predictions, models
         FROM reporting_snapshot_runs ORDER BY date_key DESC LIMIT $1`,
      [limit],
    )) as Array<{ date: string; takenAt: Date; durationMs: number; trainingImages: number; predictions: number; models: number }>;
  }

  /** Deletes warehouse fact rows (and snapshot records) in the range, in one transaction. Never touches Mongo. */
  async deleteRange(r: Range): Promise<number> {
    return this.db.transaction(async (m) => {
      let deleted = 0;
      for (const t of [...SNAPSHOT_DAY_TABLES, 'fact_prediction_feedback_daily']) {
        const res = await m.query(`DELETE FROM ${t} WHERE ${RANGE('date_key', 1, 2)}`, [r.from, r.to]);
        deleted += Number(res?.[1] ?? 0);
      }
      return deleted;
    });
  }
}
