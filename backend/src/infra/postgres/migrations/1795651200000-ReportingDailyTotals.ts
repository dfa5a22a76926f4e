import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-day totals beside the daily fact tables, written by the snapshot in the same transaction. The "over time"
 * series read these (a handful of rows a day) instead of summing every label combination of every day: with the
 * labels spread over all combinations a year holds ~3M prediction fact rows, and the predictions series took
 * ~360 ms. Filled from the existing facts here, so a warehouse that already has history keeps it.
 */
export class ReportingDailyTotals1795651200000 implements MigrationInterface {
  name = 'ReportingDailyTotals1795651200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fact_training_images_daily_totals (
        date_key date NOT NULL REFERENCES dim_date (date_key),
        source_key smallint NOT NULL REFERENCES dim_training_image_source (source_key),
        is_unlabelled boolean NOT NULL,
        image_count integer NOT NULL CHECK (image_count >= 0),
        PRIMARY KEY (date_key, source_key, is_unlabelled)
      )`);
    await q.query(`
      CREATE TABLE fact_predictions_daily_totals (
        date_key date NOT NULL REFERENCES dim_date (date_key),
        model_key integer NOT NULL REFERENCES dim_model (model_key),
        user_review_status_key smallint NOT NULL REFERENCES dim_prediction_review_status (status_key),
        admin_review_status_key smallint NOT NULL REFERENCES dim_prediction_review_status (status_key),
        prediction_count integer NOT NULL CHECK (prediction_count >= 0),
        PRIMARY KEY (date_key, model_key, user_review_status_key, admin_review_status_key)
      )`);
    // Backfill (frozen here on purpose; the snapshot writer computes each new day the same way).
    await q.query(`
      INSERT INTO fact_training_images_daily_totals (date_key, source_key, is_unlabelled, image_count)
      SELECT f.date_key, f.source_key, l.is_unlabelled, SUM(f.image_count)
        FROM fact_training_images_daily_snapshot f JOIN dim_label l ON l.label_key = f.label_key
       GROUP BY 1, 2, 3`);
    await q.query(`
      INSERT INTO fact_predictions_daily_totals (date_key, model_key, user_review_status_key, admin_review_status_key, prediction_count)
      SELECT date_key, model_key, user_review_status_key, admin_review_status_key, SUM(prediction_count)
        FROM fact_predictions_daily_snapshot
       GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fact_predictions_daily_totals');
    await q.query('DROP TABLE fact_training_images_daily_totals');
  }
}
