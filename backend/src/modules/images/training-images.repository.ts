import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types, isValidObjectId } from 'mongoose';
import type { PhenotypeLabel } from '../../ml/vocabulary';
import { TrainingImage } from './schemas/training-image.schema';

export type NewTrainingImage = Omit<TrainingImage, '_id'>;
export type TrainingImageRecord = TrainingImage;

export interface BlobRefs {
  id: string;
  blobId: string;
  thumbBlobId: string | null;
  ownsBlobs: boolean;
}

export type SortSpec = Record<string, 1 | -1>;

const LABEL_GROUP_ID = {
  is_cat: '$label.is_cat',
  colour: '$label.colour',
  pattern: '$label.pattern',
  is_tabby: '$label.is_tabby',
  is_pointed: '$label.is_pointed',
};

export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return e?.code === 11000 || /duplicate key/i.test(e?.message ?? '');
}

/** The only code that touches the training_images collection. */
@Injectable()
export class TrainingImagesRepository {
  constructor(@InjectModel(TrainingImage.name) private readonly images: Model<TrainingImage>) {}

  /** Inserts one image; returns null when another record already has this sha256. */
  async insert(doc: NewTrainingImage): Promise<string | null> {
    try {
      const [created] = await this.images.insertMany([doc], { lean: true });
      return String(created._id);
    } catch (err) {
      if (isDuplicateKeyError(err)) return null;
      throw err;
    }
  }

  /** Bulk insert (tests and benchmarks seed large sets through here). */
  async insertMany(docs: NewTrainingImage[]): Promise<string[]> {
    const created = await this.images.insertMany(docs, { lean: true, ordered: true });
    return created.map((d) => String(d._id));
  }

  async findById(id: string): Promise<TrainingImage | null> {
    if (!isValidObjectId(id)) return null;
    return this.images.findById(id).lean<TrainingImage>().exec();
  }

  async idBySha(sha256: string): Promise<string | null> {
    const doc = await this.images.findOne({ sha256 }, { _id: 1 }).lean().exec();
    return doc ? String(doc._id) : null;
  }

  /** sha256 -> record id of every image (one pass, only the two fields read). */
  async shaIds(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const cursor = this.images.find({}, { sha256: 1 }).lean().batchSize(5000).cursor();
    for await (const d of cursor) out.set(d.sha256, String(d._id));
    return out;
  }

  async existingShas(hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const docs = await this.images.find({ sha256: { $in: hashes } }, { sha256: 1 }).lean().exec();
    return new Set(docs.map((d) => d.sha256));
  }

  /** Which of these ids are still in the set. */
  async existingIds(ids: string[]): Promise<Set<string>> {
    const valid = ids.filter((id) => isValidObjectId(id));
    if (!valid.length) return new Set();
    const docs = await this.images.find({ _id: { $in: valid.map((id) => new Types.ObjectId(id)) } }, { _id: 1 }).lean().exec();
    return new Set(docs.map((d) => String(d._id)));
  }

  /** id -> the file name (or web address) each record was imported under; ids not found are left out. */
  async namesByIds(ids: string[]): Promise<Map<string, string | null>> {
    const valid = ids.filter((id) => isValidObjectId(id));
    if (!valid.length) return new Map();
    const docs = await this.images.find({ _id: { $in: valid.map((id) => new Types.ObjectId(id)) } }, { originalName: 1, web: 1 }).lean().exec();
    return new Map(docs.map((d) => [String(d._id), d.originalName ?? d.web?.url ?? null]));
  }

  async existingWebUrls(urls: string[]): Promise<Set<string>> {
    if (!urls.length) return new Set();
    const docs = await this.images.find({ 'web.url': { $in: urls } }, { web: 1 }).lean().exec();
    return new Set(docs.map((d) => d.web?.url).filter((u): u is string => !!u));
  }

  async findByPredictionId(predictionId: string): Promise<TrainingImage | null> {
    return this.images.findOne({ predictionId }).lean<TrainingImage>().exec();
  }

  async findBySha(sha256: string): Promise<TrainingImage | null> {
    return this.images.findOne({ sha256 }).lean<TrainingImage>().exec();
  }

  list(query: Record<string, unknown>, sort: SortSpec, skip: number, limit: number): Promise<TrainingImage[]> {
    return this.images.find(query).sort(sort).skip(skip).limit(limit).lean<TrainingImage[]>().exec();
  }

  count(query: Record<string, unknown>): Promise<number> {
    return this.images.countDocuments(query).exec();
  }

  /**
   * ONE updateMany with $set on dotted paths: atomic per document, no read-modify-write in the app.
   * (FerretDB v1 used to scan the whole table per updated document because its UPDATE did not use the
   * `_id` index; scripts/lib/ferretdb.sh builds it with that one-line fix, which makes this linear.)
   */
  async updateMany(query: Record<string, unknown>, set: Record<string, unknown>): Promise<{ matched: number; modified: number }> {
    const res = await this.images.updateMany(query, { $set: set }).exec();
    return { matched: res.matchedCount, modified: res.modifiedCount };
  }

  /** Keeps isLabelled consistent after traits were cleared: records with every trait unknown are unlabelled. */
  async markUnlabelledWhereEmpty(): Promise<void> {
    await this.updateMany(
      { isLabelled: true, 'label.is_cat': null, 'label.colour': null, 'label.pattern': null, 'label.is_tabby': null, 'label.is_pointed': null },
      { isLabelled: false, labelledBy: null, labelledAt: null },
    );
  }

  /** Sets the label of one record (used when a reviewed prediction names an image already in the set). */
  async setLabel(id: string, label: PhenotypeLabel, isLabelled: boolean, userId: string, now: Date): Promise<void> {
    await this.images
      .updateOne({ _id: new Types.ObjectId(id) }, { $set: { label, isLabelled, labelledBy: userId, labelledAt: now, updatedAt: now } })
      .exec();
  }

  async blobRefs(query: Record<string, unknown>): Promise<BlobRefs[]> {
    const docs = await this.images.find(query, { blobId: 1, thumbBlobId: 1, ownsBlobs: 1 }).lean().exec();
    return docs.map((d) => ({ id: String(d._id), blobId: d.blobId, thumbBlobId: d.thumbBlobId ?? null, ownsBlobs: d.ownsBlobs !== false }));
  }

  async deleteByIds(ids: string[]): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      const res = await this.images.deleteMany({ _id: { $in: ids.slice(i, i + 1000).map((id) => new Types.ObjectId(id)) } }).exec();
      deleted += res.deletedCount;
    }
    return deleted;
  }

  /** Labelled images grouped by their full label (one $group, one $sum). */
  async labelledGroups(): Promise<{ label: PhenotypeLabel; count: number }[]> {
    const rows = await this.images
      .aggregate<{ _id: PhenotypeLabel; count: number }>([{ $match: { isLabelled: true } }, { $group: { _id: LABEL_GROUP_ID, count: { $sum: 1 } } }])
      .exec();
    return rows.map((r) => ({ label: normaliseGroupLabel(r._id), count: r.count }));
  }

  async groupsByLabelAndSource(): Promise<{ label: PhenotypeLabel; isLabelled: boolean; source: string; count: number }[]> {
    const rows = await this.images
      .aggregate<{ _id: PhenotypeLabel & { source: string; isLabelled: boolean }; count: number }>([
        { $group: { _id: { ...LABEL_GROUP_ID, source: '$source', isLabelled: '$isLabelled' }, count: { $sum: 1 } } },
      ])
      .exec();
    return rows.map((r) => ({ label: normaliseGroupLabel(r._id), isLabelled: r._id.isLabelled === true, source: r._id.source, count: r.count }));
  }

  /** All labelled images, for training (streamed from a cursor, projected to what training needs). */
  async labelledSnapshot(): Promise<{ id: string; sha256: string; blobId: string; label: PhenotypeLabel }[]> {
    const out: { id: string; sha256: string; blobId: string; label: PhenotypeLabel }[] = [];
    const cursor = this.images.find({ isLabelled: true }, { sha256: 1, blobId: 1, label: 1 }).sort({ _id: 1 }).lean().cursor();
    for await (const d of cursor) out.push({ id: String(d._id), sha256: d.sha256, blobId: d.blobId, label: normaliseGroupLabel(d.label) });
    return out;
  }
}

function normaliseGroupLabel(l: Partial<PhenotypeLabel> | null | undefined): PhenotypeLabel {
  return {
    is_cat: l?.is_cat ?? null,
    colour: l?.colour ?? null,
    pattern: l?.pattern ?? null,
    is_tabby: l?.is_tabby ?? null,
    is_pointed: l?.is_pointed ?? null,
  };
}
