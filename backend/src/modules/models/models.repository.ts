import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, isValidObjectId } from 'mongoose';
import { PredictionModel, PredictionModelDocument, Setting } from './schemas/prediction-model.schema';
import { decodeNestedArrays, encodeNestedArrays } from './domain/nested-arrays';

const ACTIVE_MODEL_KEY = 'active-model';

/** The only code that touches prediction_models and the active-model pointer. */
@Injectable()
export class ModelsRepository {
  constructor(
    @InjectModel(PredictionModel.name) private readonly models: Model<PredictionModel>,
    @InjectModel(Setting.name) private readonly settings: Model<Setting>,
  ) {}

  create(data: Partial<PredictionModel>): Promise<PredictionModelDocument> {
    return this.models.create({
      ...data,
      metrics: encodeNestedArrays(data.metrics ?? {}) as Record<string, unknown>,
      datasetSummary: encodeNestedArrays(data.datasetSummary ?? {}) as Record<string, unknown>,
    });
  }

  /** A plain object of the stored model with FerretDB-safe encodings undone. */
  static toPlain(doc: PredictionModelDocument): PredictionModel & { _id: unknown } {
    const o = doc.toObject() as PredictionModel & { _id: unknown };
    return {
      ...o,
      metrics: decodeNestedArrays(o.metrics ?? {}) as Record<string, unknown>,
      datasetSummary: decodeNestedArrays(o.datasetSummary ?? {}) as Record<string, unknown>,
    };
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

  findByTrainingRunId(runId: string): Promise<PredictionModelDocument | null> {
    return this.models.findOne({ trainingRunId: runId }).exec();
  }

  async rename(id: string, name: string): Promise<void> {
    await this.models.updateOne({ _id: id }, { $set: { name } }).exec();
  }

  async deleteById(id: string): Promise<void> {
    if (!isValidObjectId(id)) return;
    await this.models.deleteOne({ _id: id }).exec();
  }

  async getActivePointer(): Promise<{ modelId: string; activatedAt: Date | null; activatedBy: string | null } | null> {
    const doc = await this.settings.findById(ACTIVE_MODEL_KEY).lean().exec();
    const value = doc?.value as { modelId?: string; activatedAt?: Date; activatedBy?: string } | undefined;
    if (!value?.modelId) return null;
    return { modelId: value.modelId, activatedAt: value.activatedAt ?? null, activatedBy: value.activatedBy ?? null };
  }

  async getActiveModelId(): Promise<string | null> {
    const doc = await this.settings.findById(ACTIVE_MODEL_KEY).lean().exec();
    const value = doc?.value as { modelId?: string } | undefined;
    return value?.modelId ?? null;
  }

  /** One atomic write of the pointer document (upsert). */
  async setActiveModelId(modelId: string, activatedBy: string | null = null): Promise<void> {
    await this.settings
      .updateOne(
        { _id: ACTIVE_MODEL_KEY },
        { $set: { value: { modelId, activatedAt: new Date(), activatedBy } } },
        { upsert: true },
      )
      .exec();
  }
}
