import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting warehouse (a star schema, filled by the daily snapshot job of modules/reporting).
 *
 * Dimensions: dim_date, dim_label (is_unlabelled + the five traits, one row per distinct label),
 * dim_training_image_source, dim_prediction_review_status, dim_model.
 * Facts (one row per grain and snapshot day; a day is replaced as a whole when it is re-run):
 *   fact_training_images_daily_snapshot   (date, label, source)                       → image_count
 *   fact_models_daily_snapshot            (date, model; training started/ended dates) → accuracy, loss, is_active
 *   fact_model_test_metrics_daily_snapshot(date, model, trait)                        → test accuracy, balanced acc., macro F1
 *   fact_predictions_daily_snapshot       (date, predicted label, model, user review, admin review) → prediction_count
 *   fact_prediction_feedback_daily        (feedback day, model, trait)                → scored, correct (real-world accuracy)
 * plus reporting_snapshot_runs (one row per snapshot day: when it ran, how long, totals).
 * Primary keys start with the date so every report's date-range scan is an index range scan.
 */
export class ReportingWarehouse1767225600000 implements MigrationInterface {
  name = 'ReportingWarehouse1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dim_date (
        date_key date PRIMARY KEY,
        year smallint NOT NULL,
        quarter smallint NOT NULL,
        month smallint NOT NULL,
        day smallint NOT NULL,
        iso_week smallint NOT NULL,
        iso_weekday smallint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE dim_label (
        label_key serial PRIMARY KEY,
        natural_key varchar(100) NOT NULL UNIQUE,
        is_unlabelled boolean NOT NULL,
        is_cat boolean NULL,
        colour varchar(20) NULL,
        is_tabby boolean NULL,
        pattern varchar(20) NULL,
        is_pointed boolean NULL
      )`);
    await q.query(`
      CREATE TABLE dim_training_image_source (
        source_key smallserial PRIMARY KEY,
        name varchar(40) NOT NULL UNIQUE
      )`);
    await q.query(`
      CREATE TABLE dim_prediction_review_status (
        status_key smallint PRIMARY KEY,
        name varchar(20) NOT NULL UNIQUE
      )`);
    await q.query(`INSERT INTO dim_prediction_review_status (status_key, name) VALUES (0, 'none'), (1, 'accepted'), (2, 'rejected')`);
    await q.query(`
      CREATE TABLE dim_model (
        model_key serial PRIMARY KEY,
        model_id varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        is_starter boolean NOT NULL DEFAULT false,
        created_at timestamptz NULL,
        training_started_at timestamptz NULL,
        training_ended_at timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE fact_training_images_daily_snapshot (
        date_key date NOT NULL REFERENCES dim_date (date_key),
        label_key integer NOT NULL REFERENCES dim_label (label_key),
        source_key smallint NOT NULL REFERENCES dim_training_image_source (source_key),
        image_count integer NOT NULL CHECK (image_count >= 0),
        PRIMARY KEY (date_key, label_key, source_key)
      )`);
    await q.query(`
      CREATE TABLE fact_models_daily_snapshot (
        date_key date NOT NULL REFERENCES dim_date (date_key),
        model_key integer NOT NULL REFERENCES dim_model (model_key),
        training_started_date_key date NULL REFERENCES dim_date (date_key),
        training_ended_date_key date NULL REFERENCES dim_date (date_key),
        accuracy double precision NULL,
        loss double precision NULL,
        is_active boolean NOT NULL DEFAULT false,
        PRIMARY KEY (date_key, model_key)
      )`);
    await q.query(`CREATE INDEX idx_fact_models_model ON fact_models_daily_snapshot (model_key, date_key)`);
    await q.query(`
      CREATE TABLE fact_model_test_metrics_daily_snapshot (
        date_key date NOT NULL REFERENCES dim_date (date_key),
        model_key integer NOT NULL REFERENCES dim_model (model_key),
        trait varchar(20) NOT NULL,
        accuracy double precision NULL,
        balanced_accuracy double precision NULL,
        macro_f1 double precision NULL,
        PRIMARY KEY (date_key, model_key, trait)
      )`);
    await q.query(`
      CREATE TABLE fact_predictions_daily_snapshot (
        date_key date NOT NULL REFERENCES dim_date (date_key),
        model_key integer NOT NULL REFERENCES dim_model (model_key),
        label_key integer NOT NULL REFERENCES dim_label (label_key),
        user_review_status_key smallint NOT NULL REFERENCES dim_prediction_review_status (status_key),
        admin_review_status_key smallint NOT NULL REFERENCES dim_prediction_review_status (status_key),
        prediction_count integer NOT NULL CHECK (prediction_count >= 0),
        PRIMARY KEY (date_key, model_key, label_key, user_review_status_key, admin_review_status_key)
      )`);
    await q.query(`
      CREATE TABLE fact_prediction_feedback_daily (
        date_key date NOT NULL REFERENCES dim_date (date_key),
        model_key integer NOT NULL REFERENCES dim_model (model_key),
        trait varchar(20) NOT NULL,
        scored integer NOT NULL CHECK (scored >= 0),
        correct integer NOT NULL CHECK (correct >= 0 AND correct <= scored),
        PRIMARY KEY (date_key, model_key, trait)
      )`);
    await q.query(`CREATE INDEX idx_fact_feedback_model ON fact_prediction_feedback_daily (model_key, date_key)`);
    await q.query(`
      CREATE TABLE reporting_snapshot_runs (
        date_key date PRIMARY KEY REFERENCES dim_date (date_key),
        taken_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        training_images integer NOT NULL,
        predictions integer NOT NULL,
        models integer NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'reporting_snapshot_runs',
      'fact_prediction_feedback_daily',
      'fact_predictions_daily_snapshot',
      'fact_model_test_metrics_daily_snapshot',
      'fact_models_daily_snapshot',
      'fact_training_images_daily_snapshot',
      'dim_model',
      'dim_prediction_review_status',
      'dim_training_image_source',
      'dim_label',
      'dim_date',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
