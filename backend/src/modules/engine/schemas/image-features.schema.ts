import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/**
 * Feature vectors cached per (feature-extractor version, image content hash): retraining never re-embeds.
 * The key is the document `_id` ("<version>|<sha256>") because an `_id` lookup is the one FerretDB v1 answers
 * from an index; a filter on other fields scans the collection (1 s per lookup at 5,000 vectors, measured).
 */
@Schema({ collection: 'image_feature_cache', timestamps: { createdAt: true, updatedAt: false } })
export class ImageFeatures {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) sha256: string;
  @Prop({ required: true }) featureVersion: string;
  /** Float32 little-endian bytes. */
  @Prop({ type: Buffer, required: true }) vector: Buffer;
}
export type ImageFeaturesDocument = HydratedDocument<ImageFeatures>;
export const ImageFeaturesSchema = SchemaFactory.createForClass(ImageFeatures);

export function featureKey(featureVersion: string, sha256: string): string {
  return `${featureVersion}|${sha256}`;
}
