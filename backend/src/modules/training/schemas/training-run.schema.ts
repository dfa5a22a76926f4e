import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

import type { EpochPoint, TrainingRunState, TrainingStage } from '../../../contracts/training';

export type { TrainingRunState, TrainingStage };

export type EpochRecord = EpochPoint;

/** The slot value every queued or running run holds; a unique index makes a second live run impossible. */
export const ACTIVE_SLOT = 'active';

/** One training run: options, live state, per-epoch history, result. Written by the API (create/cancel) and the worker. */
@Schema({ collection: 'training_runs', timestamps: true })
export class TrainingRun {
  @Prop({ required: true }) jobId: string;
  /** `ACTIVE_SLOT` while queued/running, the run's own id once finished (unique index: one live run). */
  @Prop({ required: true }) slot: string;
  @Prop({ type: String, required: true }) state: TrainingRunState;
  @Prop({ type: String, required: true }) stage: TrainingStage;
  @Prop({ default: 0 }) progress: number;
  @Prop({ type: String, default: null }) message: string | null;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) options: Record<string, unknown>;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) epochs: EpochRecord[];
  @Prop({ type: Number, default: null }) etaSeconds: number | null;
  @Prop({ type: String, required: true }) startedBy: string;
  @Prop({ type: String, default: null }) startedByName: string | null;
  @Prop({ type: Date, default: null }) startedAt: Date | null;
  @Prop({ type: Date, default: null }) stageStartedAt: Date | null;
  @Prop({ type: Date, default: null }) finishedAt: Date | null;
  @Prop({ type: String, default: null }) modelId: string | null;
  @Prop({ type: String, default: null }) artefactFileId: string | null;
  @Prop({ type: String, default: null }) error: string | null;
  @Prop({ type: Boolean, default: false }) cancelRequested: boolean;
  @Prop({ type: String, default: null }) cancelledBy: string | null;
  /** Counts per trait value of the frozen labelled set, plus split sizes and feature-cache use. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) datasetSummary: Record<string, unknown> | null;
  /** Per-trait headline test metrics (the full report is on the model). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) metrics: Record<string, unknown> | null;
  /** host:pid:boot of the worker process running it, and its last sign of life (crash detection). */
  @Prop({ type: String, default: null }) workerId: string | null;
  @Prop({ type: Date, default: null }) heartbeatAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
export type TrainingRunDocument = HydratedDocument<TrainingRun>;
export const TrainingRunSchema = SchemaFactory.createForClass(TrainingRun);
TrainingRunSchema.index({ slot: 1 }, { unique: true });
TrainingRunSchema.index({ createdAt: -1 });
TrainingRunSchema.index({ state: 1 });

export type LogLevel = 'info' | 'warn' | 'error';

/** A line of a run's log, written for people (what happened, with numbers). */
@Schema({ collection: 'training_log_entries', versionKey: false })
export class TrainingLogEntry {
  @Prop({ required: true }) runId: string;
  @Prop({ required: true }) seq: number;
  @Prop({ required: true }) timestamp: Date;
  @Prop({ type: String, required: true }) level: LogLevel;
  @Prop({ required: true }) message: string;
}
export type TrainingLogEntryDocument = HydratedDocument<TrainingLogEntry>;
export const TrainingLogEntrySchema = SchemaFactory.createForClass(TrainingLogEntry);
TrainingLogEntrySchema.index({ runId: 1, seq: 1 });
