import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';
import type { PhenotypeLabel } from '../../../ml';
import type { PredictedTraits, UnlearntValues } from '../../../contracts/phenotype';

export type UserReview = 'none' | 'accepted' | 'rejected';
export type AdminReview = 'none' | 'accepted' | 'rejected';

/**
 * One breeder's photo and what the model said. `_id` is a random 128-bit id: the link is the capability.
 * `predicted` repeats the traits as a flat label (unsure → null) so reports can group on it.
 */
@Schema({ collection: 'predictions', timestamps: { createdAt: true, updatedAt: true } })
export class Prediction {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) imageBlobId: string;
  @Prop({ required: true }) displayBlobId: string;
  @Prop({ required: true }) sha256: string;
  @Prop({ required: true }) width: number;
  @Prop({ required: true }) height: number;
  @Prop({ required: true, index: true }) modelId: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) traits: PredictedTraits;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) predicted: PhenotypeLabel;
  @Prop({ type: String, default: null }) breederCode: string | null;
  @Prop({ type: String, default: null }) breederName: string | null;
  /** what the answering model had not learnt (absent on predictions stored before it was recorded) */
  @Prop({ type: MongooseSchema.Types.Mixed }) unlearnt?: UnlearntValues;
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  feedback: { accepted: boolean; correction: Partial<PhenotypeLabel> | null; createdAt: Date } | null;
  @Prop({ type: String, default: 'none' }) userReview: UserReview;
  @Prop({ type: String, default: 'none' }) adminReview: AdminReview;
  /** Review queue order: rejected by the user first (0), then no feedback (1), then accepted (2). */
  @Prop({ type: Number, default: 1 }) queueRank: number;
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  review: { decision: 'accept' | 'reject'; label: PhenotypeLabel; reviewedBy: string; reviewedAt: Date } | null;
  @Prop({ type: String, default: null }) trainingImageId: string | null;
  /** SHA-256 of the answer token handed to the uploader only: feedback needs it (null on older predictions) */
  @Prop({ type: String, default: null }) answerTokenHash: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export type PredictionDocument = HydratedDocument<Prediction>;
export const PredictionSchema = SchemaFactory.createForClass(Prediction);
PredictionSchema.index({ queueRank: 1, createdAt: -1 });
PredictionSchema.index({ createdAt: -1 });
