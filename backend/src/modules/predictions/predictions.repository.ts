import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { Prediction, PredictionDocument } from './schemas/prediction.schema';

export type SnapshotPrediction = Pick<Prediction, 'predicted' | 'modelId' | 'userReview' | 'adminReview' | 'feedback' | 'createdAt'>;

/** The only code that touches the predictions collection. */
@Injectable()
export class PredictionsRepository {
  constructor(@InjectModel(Prediction.name) private readonly predictions: Model<Prediction>) {}

  create(doc: Omit<Prediction, 'createdAt' | 'updatedAt'>): Promise<PredictionDocument> {
    return this.predictions.create(doc);
  }

  findById(id: string) {
    return this.predictions.findById(id).lean<Prediction>().exec();
  }

  /** Sets fields only if `guard` still matches (e.g. feedback still null): false means somebody was first. */
  async updateIf(id: string, guard: FilterQuery<Prediction>, set: Partial<Prediction>): Promise<boolean> {
    const res = await this.predictions.updateOne({ _id: id, ...guard }, { $set: set }).exec();
    return res.modifiedCount === 1;
  }

  async page(filter: FilterQuery<Prediction>, skip: number, limit: number) {
    const [items, total] = await Promise.all([
      this.predictions.find(filter).sort({ queueRank: 1, createdAt: -1 }).skip(skip).limit(limit).lean<Prediction[]>().exec(),
      this.predictions.countDocuments(filter).exec(),
    ]);
    return { items, total };
  }

  findMany(ids: string[]) {
    return this.predictions.find({ _id: { $in: ids } }).lean<Prediction[]>().exec();
  }

  /**
   * Every prediction with only the fields the reporting snapshot needs (one pass serves all its counts), as the
   * driver's cursor (plain documents, like lean()) so the caller can read it batch by batch.
   */
  snapshotCursor() {
    return this.predictions.collection.find<SnapshotPrediction>(
      {},
      { projection: { _id: 0, predicted: 1, modelId: 1, userReview: 1, adminReview: 1, feedback: 1, createdAt: 1 }, batchSize: 2000 },
    );
  }
}
