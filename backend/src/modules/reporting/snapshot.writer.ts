import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { dateParts } from './domain/dates';
import { SNAPSHOT_DAY_TABLES, SnapshotRows } from './domain/snapshot-rows';

/** Serialises snapshot writers across processes (two "refresh now" clicks, or refresh + the cron). */
const SNAPSHOT_LOCK = 7_302_001;

/**
 * Writes one snapshot day into the warehouse. One transaction: dimensions upserted and reused,
 * the day's fact rows deleted and inserted again (so a re-run replaces, never doubles), feedback
 * days upserted, and the run recorded. Bulk inserts use unnest() so a day is a handful of statements.
 */
@Injectable()
export class SnapshotWriter {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async writeDay(rows: SnapshotRows, durationMs: () => number): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SNAPSHOT_LOCK]);
      await this.upsertDates(m, rows.days);
      const labelKeys = await this.upsertLabels(m, rows);
      const sourceKeys = await this.upsertSources(m, rows.sources);
      const modelKeys = await this.upsertModels(m, rows);
      const day = rows.day;

      for (const t of SNAPSHOT_DAY_TABLES) await m.query(`DELETE FROM ${t} WHERE date_key = $1`, [day]);

      if (rows.trainingImages.length) {
        await m.query(
          `INSERT INTO fact_training_images_daily_snapshot (date_key, label_key, source_key, image_count)
           SELECT $1::date, * FROM unnest($2::int[], $3::smallint[], $4::int[])`,
          [day, rows.trainingImages.map((r) => labelKeys.get(r.labelKey)), rows.trainingImages.map((r) => sourceKeys.get(r.source)), rows.trainingImages.map((r) => r.count)],
        );
      }
      if (rows.modelFacts.length) {
        const f = rows.modelFacts;
        await m.query(
          `INSERT INTO fact_models_daily_snapshot (date_key, model_key, training_started_date_key, training_ended_date_key, accuracy, loss, is_active)
           SELECT $1::date, * FROM unnest($2::int[], $3::date[], $4::date[], $5::float8[], $6::float8[], $7::bool[])`,
          [day, f.map((r) => modelKeys.get(r.modelId)), f.map((r) => r.trainingStartedDay), f.map((r) => r.trainingEndedDay), f.map((r) => r.accuracy), f.map((r) => r.loss), f.map((r) => r.isActive)],
        );
      }
      if (rows.testMetrics.length) {
        const f = rows.testMetrics;
        await m.query(
          `INSERT INTO fact_model_test_metrics_daily_snapshot (date_key, model_key, trait, accuracy, balanced_accuracy, macro_f1, scored, answered)
           SELECT $1::date, * FROM unnest($2::int[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::int[], $8::int[])`,
          [
            day,
            f.map((r) => modelKeys.get(r.modelId)),
            f.map((r) => r.trait),
            f.map((r) => r.accuracy),
            f.map((r) => r.balancedAccuracy),
            f.map((r) => r.macroF1),
            f.map((r) => r.scored),
            f.map((r) => r.answered),
          ],
        );
      }
      if (rows.predictions.length) {
        const f = rows.predictions;
        await m.query(
          `INSERT INTO fact_predictions_daily_snapshot (date_key, model_key, label_key, user_review_status_key, admin_review_status_key, prediction_count)
           SELECT $1::date, * FROM unnest($2::int[], $3::int[], $4::smallint[], $5::smallint[], $6::int[])`,
          [day, f.map((r) => modelKeys.get(r.modelId)), f.map((r) => labelKeys.get(r.labelKey)), f.map((r) => r.userStatus), f.map((r) => r.adminStatus), f.map((r) => r.count)],
        );
      }
      // The day's totals, for the "over time" series (a few rows a day instead of every label combination).
      await m.query(
        `INSERT INTO fact_training_images_daily_totals (date_key, source_key, is_unlabelled, image_count)
         SELECT f.date_key, f.source_key, l.is_unlabelled, SUM(f.image_count)
           FROM fact_training_images_daily_snapshot f JOIN dim_label l ON l.label_key = f.label_key
          WHERE f.date_key = $1 GROUP BY 1, 2, 3`,
        [day],
      );
      await m.query(
        `INSERT INTO fact_predictions_daily_totals (date_key, model_key, user_review_status_key, admin_review_status_key, prediction_count)
         SELECT date_key, model_key, user_review_status_key, admin_review_status_key, SUM(prediction_count)
           FROM fact_predictions_daily_snapshot
          WHERE date_key = $1 GROUP BY 1, 2, 3, 4`,
        [day],
      );
      if (rows.feedback.length) {
        // Feedback is keyed by the prediction's day, not the snapshot day: each snapshot refreshes those days.
        const f = rows.feedback;
        await m.query(
          `INSERT INTO fact_prediction_feedback_daily (date_key, model_key, trait, scored, correct)
           SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::int[], $5::int[])
           ON CONFLICT (date_key, model_key, trait) DO UPDATE SET scored = EXCLUDED.scored, correct = EXCLUDED.correct`,
          [f.map((r) => r.day), f.map((r) => modelKeys.get(r.modelId)), f.map((r) => r.trait), f.map((r) => r.scored), f.map((r) => r.correct)],
        );
      }
      await m.query(
        `INSERT INTO reporting_snapshot_runs (date_key, taken_at, duration_ms, training_images, predictions, models) VALUES ($1, now(), $2, $3, $4, $5)`,
        [day, Math.round(durationMs()), rows.totals.trainingImages, rows.totals.predictions, rows.totals.models],
      );
    });
  }

  private async upsertDates(m: EntityManager, days: string[]): Promise<void> {
    const p = days.map(dateParts);
    await m.query(
      `INSERT INTO dim_date (date_key, year, quarter, month, day, iso_week, iso_weekday)
       SELECT * FROM unnest($1::date[], $2::smallint[], $3::smallint[], $4::smallint[], $5::smallint[], $6::smallint[], $7::smallint[])
       ON CONFLICT (date_key) DO NOTHING`,
      [p.map((d) => d.dateKey), p.map((d) => d.year), p.map((d) => d.quarter), p.map((d) => d.month), p.map((d) => d.day), p.map((d) => d.isoWeek), p.map((d) => d.isoWeekday)],
    );
  }

  private async upsertLabels(m: EntityManager, rows: SnapshotRows): Promise<Map<string, number>> {
    const l = rows.labels;
    if (!l.length) return new Map();
    await m.query(
      `INSERT INTO dim_label (natural_key, is_unlabelled, is_cat, colour, is_tabby, pattern, is_pointed)
       SELECT * FROM unnest($1::text[], $2::bool[], $3::bool[], $4::text[], $5::bool[], $6::text[], $7::bool[])
       ON CONFLICT (natural_key) DO NOTHING`,
      [l.map((r) => r.naturalKey), l.map((r) => r.isUnlabelled), l.map((r) => r.isCat), l.map((r) => r.colour), l.map((r) => r.isTabby), l.map((r) => r.pattern), l.map((r) => r.isPointed)],
    );
    const found: Array<{ label_key: number; natural_key: string }> = await m.query(
      `SELECT label_key, natural_key FROM dim_label WHERE natural_key = ANY($1::text[])`,
      [l.map((r) => r.naturalKey)],
    );
    return new Map(found.map((r) => [r.natural_key, r.label_key]));
  }

  private async upsertSources(m: EntityManager, sources: string[]): Promise<Map<string, number>> {
    if (!sources.length) return new Map();
    await m.query(`INSERT INTO dim_training_image_source (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [sources]);
    const found: Array<{ source_key: number; name: string }> = await m.query(
      `SELECT source_key, name FROM dim_training_image_source WHERE name = ANY($1::text[])`,
      [sources],
    );
    return new Map(found.map((r) => [r.name, r.source_key]));
  }

  /** Models are the one dimension whose attributes can change (renamed, training dates set): kept current. */
  private async upsertModels(m: EntityManager, rows: SnapshotRows): Promise<Map<string, number>> {
    const d = rows.models;
    if (!d.length) return new Map();
    await m.query(
      `INSERT INTO dim_model (model_id, name, is_starter, created_at, training_started_at, training_ended_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bool[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[])
       ON CONFLICT (model_id) DO UPDATE SET
         name = CASE WHEN EXCLUDED.name LIKE '%(no longer registered)' THEN dim_model.name ELSE EXCLUDED.name END,
         is_starter = EXCLUDED.is_starter OR dim_model.is_starter,
         created_at = COALESCE(EXCLUDED.created_at, dim_model.created_at),
         training_started_at = COALESCE(EXCLUDED.training_started_at, dim_model.training_started_at),
         training_ended_at = COALESCE(EXCLUDED.training_ended_at, dim_model.training_ended_at)`,
      [d.map((r) => r.modelId), d.map((r) => r.name), d.map((r) => r.isStarter), d.map((r) => r.createdAt), d.map((r) => r.trainingStartedAt), d.map((r) => r.trainingEndedAt)],
    );
    const found: Array<{ model_key: number; model_id: string }> = await m.query(
      `SELECT model_key, model_id FROM dim_model WHERE model_id = ANY($1::text[])`,
      [d.map((r) => r.modelId)],
    );
    return new Map(found.map((r) => [r.model_id, r.model_key]));
  }
}
