import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { RefreshToken } from './schemas/refresh-token.schema';

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectModel(RefreshToken.name) private readonly tokens: Model<RefreshToken>) {}

  create(t: Omit<RefreshToken, 'usedAt' | 'revokedAt'>) {
    return this.tokens.create({ ...t, usedAt: null, revokedAt: null });
  }

  find(tokenId: string) {
    return this.tokens.findOne({ tokenId }).lean().exec();
  }

  /** Marks the token used if nobody used it before; false means it was already used (a replay). */
  async markUsed(tokenId: string): Promise<boolean> {
    const res = await this.tokens.updateOne({ tokenId, usedAt: null, revokedAt: null }, { $set: { usedAt: new Date() } }).exec();
    return res.modifiedCount === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: new Date() } }).exec();
  }

  /** Housekeeping: expired tokens are useless (no TTL index on FerretDB, so delete explicitly). */
  async deleteExpired(): Promise<void> {
    await this.tokens.deleteMany({ expiresAt: { $lt: new Date() } }).exec();
  }
}
