import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import type { AuditAction } from '../../../contracts/users';

/** Who changed which admin account, and how. Never holds a password. */
@Schema({ collection: 'admin_audit_log', timestamps: { createdAt: true, updatedAt: false } })
export class AuditEntry {
  @Prop({ required: true }) actorId: string;
  @Prop({ required: true }) actorUsername: string;
  @Prop({ type: String, required: true }) action: AuditAction;
  @Prop({ required: true }) targetUserId: string;
  @Prop({ required: true }) targetUsername: string;
  createdAt: Date;
}
export type AuditEntryDocument = HydratedDocument<AuditEntry>;
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
AuditEntrySchema.index({ createdAt: -1 });
