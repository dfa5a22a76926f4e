import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, isValidObjectId } from 'mongoose';
import { PredictionModel, PredictionModelDocument, Setting } from './schemas/prediction-model.schema';

const ACTIVE_MODEL_KEY = 'active-model';

/** The only code that touches prediction_models and the active-model pointer. */
@Injectable()
export class ModelsRepository {
  constructor(
    @InjectModel(PredictionModel.name) private readonly models: Model<PredictionModel>,
    @InjectModel(Setting.name) private readonly settings: Model<Setting>,
  ) {}

  create(data: Partial<PredictionModel>): Promise<PredictionModelDocument> {
    return this.models.create(data);
  }

  findById(id: string): Promise<PredictionModelDocument | null> {
    if (!isValidObjectId(id)) return Promise.resolve(null);
    return this.models.findById(id).exec();
  }

  list(): Promise<PredictionModelDocument[]> {
    return this.models.find().sort({ createdAt: -1 }).exec();
  }

  count(): Promise<number> {
    return this.models.countDocuments().exec();
  }

  async getActiveModelId(): Promise<string | null> {
    const doc = await this.settings.findById(ACTIVE_MODEL_KEY).lean().exec();
    const value = doc?.value as { modelId?: string } | undefined;
    return value?.modelId ?? null;
  }

  /** One atomic write of the pointer document (upsert). */
  async setActiveModelId(modelId: string): Promise<void> {
    await this.settings
      .updateOne({ _id: ACTIVE_MODEL_KEY }, { $set: { value: { modelId, activatedAt: new Date() } } }, { upsert: true })
      .exec();
  }
}
