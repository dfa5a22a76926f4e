import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema, Types } from 'mongoose';
import type { PhenotypeLabel } from '../../../ml/vocabulary';
import type { ImageSource } from '../domain/image-filter';
import type { WebOrigin } from '../../../contracts/training-images';

export type { WebOrigin };

/**
 * One training image. The original and the thumbnail live in GridFS bucket "images"; when the image came
 * from a reviewed prediction the original is the prediction's blob (ownsBlobs=false: never deleted here).
 */
@Schema({ collection: 'training_images', versionKey: false })
export class TrainingImage {
  _id: Types.ObjectId;
  @Prop({ required: true }) sha256: string;
  @Prop({ required: true }) blobId: string;
  /** null when there is no stored thumbnail (prediction-review images): it is then rendered on request */
  @Prop({ type: String, default: null }) thumbBlobId: string | null;
  @Prop({ default: true }) ownsBlobs: boolean;
  @Prop({ required: true }) width: number;
  @Prop({ required: true }) height: number;
  @Prop({ required: true }) format: string;
  @Prop({ required: true, type: String }) source: ImageSource;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) label: PhenotypeLabel;
  @Prop({ required: true }) isLabelled: boolean;
  @Prop({ type: String, default: null }) labelledBy: string | null;
  @Prop({ type: Date, default: null }) labelledAt: Date | null;
  @Prop({ type: String, default: null }) originalName: string | null;
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) web: WebOrigin | null;
  @Prop({ type: String, default: null }) predictionId: string | null;
  @Prop({ type: String, default: null }) createdBy: string | null;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}
export type TrainingImageDocument = HydratedDocument<TrainingImage>;
export const TrainingImageSchema = SchemaFactory.createForClass(TrainingImage);
TrainingImageSchema.index({ sha256: 1 }, { unique: true });
TrainingImageSchema.index({ createdAt: -1 });
TrainingImageSchema.index({ isLabelled: 1 });
TrainingImageSchema.index({ predictionId: 1 });
TrainingImageSchema.index({ 'web.url': 1 });
