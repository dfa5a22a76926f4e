import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Schema lives in infra/postgres/migrations (synchronize is off); these classes mirror it. */

@Entity({ name: 'dim_date' })
export class DimDate {
  @PrimaryColumn({ name: 'date_key', type: 'date' }) dateKey: string;
  @Column({ type: 'smallint' }) year: number;
  @Column({ type: 'smallint' }) quarter: number;
  @Column({ type: 'smallint' }) month: number;
  @Column({ type: 'smallint' }) day: number;
  @Column({ name: 'iso_week', type: 'smallint' }) isoWeek: number;
  @Column({ name: 'iso_weekday', type: 'smallint' }) isoWeekday: number;
}

/** One row per distinct label (all traits, including unknown = null); unlabelled images share one row. */
@Entity({ name: 'dim_label' })
export class DimLabel {
  @PrimaryGeneratedColumn({ name: 'label_key' }) labelKey: number;
  @Column({ name: 'natural_key', type: 'varchar', length: 100, unique: true }) naturalKey: string;
  @Column({ name: 'is_unlabelled', type: 'boolean' }) isUnlabelled: boolean;
  @Column({ name: 'is_cat', type: 'boolean', nullable: true }) isCat: boolean | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) colour: string | null;
  @Column({ name: 'is_tabby', type: 'boolean', nullable: true }) isTabby: boolean | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) pattern: string | null;
  @Column({ name: 'is_pointed', type: 'boolean', nullable: true }) isPointed: boolean | null;
}

@Entity({ name: 'dim_training_image_source' })
export class DimTrainingImageSource {
  @PrimaryGeneratedColumn({ name: 'source_key', type: 'smallint' }) sourceKey: number;
  @Column({ type: 'varchar', length: 40, unique: true }) name: string;
}

/** Fixed rows seeded by the migration: 0 none, 1 accepted, 2 rejected. */
@Entity({ name: 'dim_prediction_review_status' })
export class DimPredictionReviewStatus {
  @PrimaryColumn({ name: 'status_key', type: 'smallint' }) statusKey: number;
  @Column({ type: 'varchar', length: 20, unique: true }) name: string;
}

@Entity({ name: 'dim_model' })
export class DimModel {
  @PrimaryGeneratedColumn({ name: 'model_key' }) modelKey: number;
  @Column({ name: 'model_id', type: 'varchar', length: 64, unique: true }) modelId: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ name: 'is_starter', type: 'boolean', default: false }) isStarter: boolean;
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true }) createdAt: Date | null;
  @Column({ name: 'training_started_at', type: 'timestamptz', nullable: true }) trainingStartedAt: Date | null;
  @Column({ name: 'training_ended_at', type: 'timestamptz', nullable: true }) trainingEndedAt: Date | null;
}
