import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Schema lives in infra/postgres/migrations (synchronize is off); these classes mirror it. */

@Entity({ name: 'fact_training_images_daily_snapshot' })
export class FactTrainingImagesDailySnapshot {
  @PrimaryColumn({ name: 'date_key', type: 'date' }) dateKey: string;
  @PrimaryColumn({ name: 'label_key', type: 'integer' }) labelKey: number;
  @PrimaryColumn({ name: 'source_key', type: 'smallint' }) sourceKey: number;
  @Column({ name: 'image_count', type: 'integer' }) imageCount: number;
}

@Entity({ name: 'fact_models_daily_snapshot' })
export class FactModelsDailySnapshot {
  @PrimaryColumn({ name: 'date_key', type: 'date' }) dateKey: string;
  @PrimaryColumn({ name: 'model_key', type: 'integer' }) modelKey: number;
  @Column({ name: 'training_started_date_key', type: 'date', nullable: true }) trainingStartedDateKey: string | null;
  @Column({ name: 'training_ended_date_key', type: 'date', nullable: true }) trainingEndedDateKey: string | null;
  @Column({ type: 'double precision', nullable: true }) accuracy: number | null;
  @Column({ type: 'double precision', nullable: true }) loss: number | null;
  @Column({ name: 'is_active', type: 'boolean', default: false }) isActive: boolean;
}

@Entity({ name: 'fact_model_test_metrics_daily_snapshot' })
export class FactModelTestMetricsDailySnapshot {
  @PrimaryColumn({ name: 'date_key', type: 'date' }) dateKey: string;
  @PrimaryColumn({ name: 'model_key', type: 'integer' }) modelKey: number;
  @PrimaryColumn({ type: 'varchar', length: 20 }) trait: string;
  @Column({ type: 'double precision', nullable: true }) accuracy: number | null;
  @Column({ name: 'balanced_accuracy', type: 'double precision', nullable: true }) balancedAccuracy: number | null;
  @Column({ name: 'macro_f1', type: 'double precision', nullable: true }) macroF1: number | null;
  @Column({ type: 'integer', nullable: true }) scored: number | null;
  @Column({ type: 'integer', nullable: true }) answered: number | null;
}

@Entity({ name: 'fact_predictions_daily_snapshot' })
export class FactPredictionsDailySnapshot {
  @PrimaryColumn({ name: 'date_key', type: 'date' }) dateKey: string;
  @PrimaryColumn({ name: 'model_key', type: 'integer' }) modelKey: number;
  @PrimaryColumn({ name: 'label_key', type: 'integer' }) labelKey: number;
  @PrimaryColumn({ name: 'user_review_status_key', type: 'smallint' }) userReviewStatusKey: number;
  @PrimaryColumn({ name: 'admin_review_status_key', type: 'smallint' }) adminReviewStatusKey: number;
  @Column({ name: 'prediction_count', type: 'integer' }) predictionCount: number;
}

/** Real-world accuracy from user feedback: per feedback day, model and trait. */
@Entity({ name: 'fact_prediction_feedback_daily' })
export class FactPredictionFeedbackDaily {
  @PrimaryColumn({ name: 'date_key', type: 'date' }) dateKey: string;
  @PrimaryColumn({ name: 'model_key', type: 'integer' }) modelKey: number;
  @PrimaryColumn({ type: 'varchar', length: 20 }) trait: string;
  @Column({ type: 'integer' }) scored: number;
  @Column({ type: 'integer' }) correct: number;
}

@Entity({ name: 'reporting_snapshot_runs' })
export class ReportingSnapshotRun {
  @PrimaryColumn({ name: 'date_key', type: 'date' }) dateKey: string;
  @Column({ name: 'taken_at', type: 'timestamptz' }) takenAt: Date;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs: number;
  @Column({ name: 'training_images', type: 'integer' }) trainingImages: number;
  @Column({ type: 'integer' }) predictions: number;
  @Column({ type: 'integer' }) models: number;
}
