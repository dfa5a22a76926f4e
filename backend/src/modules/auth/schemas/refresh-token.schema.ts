import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/**
 * One refresh token. Tokens rotate: each use marks the token used and issues a new one in the same family.
 * Presenting a used or revoked token revokes the whole family (token theft detection).
 */
@Schema({ collection: 'refresh_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class RefreshToken {
  @Prop({ required: true, unique: true }) tokenId: string;
  @Prop({ required: true }) secretHash: string;
  @Prop({ required: true, index: true }) familyId: string;
  @Prop({ required: true }) userId: string;
  @Prop({ required: true }) expiresAt: Date;
  @Prop({ type: Date, default: null }) usedAt: Date | null;
  @Prop({ type: Date, default: null }) revokedAt: Date | null;
}
export type RefreshTokenDocument = HydratedDocument<RefreshToken>;
export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
