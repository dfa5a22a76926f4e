import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

/** A registered model: its artefact lives in GridFS (bucket "models"), metrics and provenance here. */
@Schema({ collection: 'prediction_models', timestamps: true })
export class PredictionModel {
  @Prop({ required: true }) name: string;
  @Prop({ required: true }) artefactFileId: string;
  @Prop({ required: true }) featureVersion: string;
  @Prop({ default: false }) isStarter: boolean;
  /** A bundled starter's SHA-256: a release with a new starter registers it (null for trained models and older records). */
  @Prop({ type: String, default: null }) starterSha256: string | null;
  /** Per-trait test metrics as produced by ml/evaluate (accuracy, balancedAccuracy, macroF1, confusion, ece…). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) metrics: Record<string, unknown>;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) datasetSummary: Record<string, unknown>;
  @Prop({ type: String, default: null }) trainingRunId: string | null;
  @Prop({ type: String, default: null }) startedBy: string | null;
  @Prop({ type: String, default: null }) startedByName: string | null;
  /** Training options the run used (traits, shares, epochs cap, seed). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) trainingOptions: Record<string, unknown> | null;
  @Prop({ type: Date, default: null }) trainingStartedAt: Date | null;
  @Prop({ type: Date, default: null }) trainingEndedAt: Date | null;
  @Prop({ type: Number, default: null }) loss: number | null;
  @Prop({ type: Number, default: null }) accuracy: number | null;
  createdAt: Date;
  updatedAt: Date;
}
export type PredictionModelDocument = HydratedDocument<PredictionModel>;
export const PredictionModelSchema = SchemaFactory.createForClass(PredictionModel);
PredictionModelSchema.index({ createdAt: -1 });
PredictionModelSchema.index({ trainingRunId: 1 });

/**
 * Singletons as one document each, written with a single update (FerretDB-safe):
 * `_id: 'active-model'` → { modelId } is the one pointer to the model predictions use.
 */
@Schema({ collection: 'settings', timestamps: true })
export class Setting {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: MongooseSchema.Types.Mixed }) value: unknown;
  updatedAt: Date;
}
export type SettingDocument = HydratedDocument<Setting>;
export const SettingSchema = SchemaFactory.createForClass(Setting);
