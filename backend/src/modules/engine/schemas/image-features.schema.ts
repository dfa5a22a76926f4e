import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/** Feature vectors cached per (image content hash, feature-extractor version): retraining never re-embeds. */
@Schema({ collection: 'image_features', timestamps: { createdAt: true, updatedAt: false } })
export class ImageFeatures {
  @Prop({ required: true }) sha256: string;
  @Prop({ required: true }) featureVersion: string;
  /** Float32 little-endian bytes. */
  @Prop({ type: Buffer, required: true }) vector: Buffer;
}
export type ImageFeaturesDocument = HydratedDocument<ImageFeatures>;
export const ImageFeaturesSchema = SchemaFactory.createForClass(ImageFeatures);
ImageFeaturesSchema.index({ sha256: 1, featureVersion: 1 }, { unique: true });
