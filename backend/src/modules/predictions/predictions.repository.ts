import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { Prediction, PredictionDocument } from './schemas/prediction.schema';

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

  /** Counts per predicted label × model × review statuses (one $group with one $sum: FerretDB-safe). */
  async groupForSnapshot() {
    return this.predictions
      .aggregate<{
        _id: { is_cat: unknown; colour: unknown; pattern: unknown; is_tabby: unknown; is_pointed: unknown; modelId: string; userReview: string; adminReview: string };
        count: number;
      }>([
        {
          $group: {
            _id: {
              is_cat: '$predicted.is_cat',
              colour: '$predicted.colour',
              pattern: '$predicted.pattern',
              is_tabby: '$predicted.is_tabby',
              is_pointed: '$predicted.is_pointed',
              modelId: '$modelId',
              userReview: '$userReview',
              adminReview: '$adminReview',
            },
            count: { $sum: 1 },
          },
        },
      ])
      .exec();
  }

  /** Streams predictions that have user feedback (only the fields scoring needs). */
  withFeedbackCursor() {
    return this.predictions
      .find({ userReview: { $in: ['accepted', 'rejected'] } }, { predicted: 1, feedback: 1, modelId: 1, createdAt: 1 })
      .lean<Pick<Prediction, 'predicted' | 'feedback' | 'modelId' | 'createdAt'>>()
      .cursor({ batchSize: 1000 });
  }
}
