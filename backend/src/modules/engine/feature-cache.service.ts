import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { FEATURE_VERSION } from '../../ml';
import { ImageFeatures } from './schemas/image-features.schema';
import { EngineService } from './engine.service';

/** Features per image content hash + extractor version; computes only what is missing. */
@Injectable()
export class FeatureCacheService {
  constructor(
    @InjectModel(ImageFeatures.name) private readonly features: Model<ImageFeatures>,
    private readonly engine: EngineService,
  ) {}

  async getMany(hashes: string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    if (hashes.length > 200) {
      // A training run asks for thousands: one pass over the cache beats many `$in` chunks (FerretDB v1 does
      // not use an index for `$in`, so each chunk would scan the collection again).
      const wanted = new Set(hashes);
      const cursor = this.features.find({ featureVersion: FEATURE_VERSION }).lean().cursor({ batchSize: 1000 });
      for await (const d of cursor) {
        if (wanted.has(d.sha256)) out.set(d.sha256, bufferToFloat32(d.vector as unknown as Buffer | { buffer: Buffer }));
      }
      return out;
    }
    if (!hashes.length) return out;
    const docs = await this.features.find({ sha256: { $in: hashes }, featureVersion: FEATURE_VERSION }).lean().exec();
    for (const d of docs) out.set(d.sha256, bufferToFloat32(d.vector as unknown as Buffer | { buffer: Buffer }));
    return out;
  }

  async has(hash: string): Promise<boolean> {
    return (await this.features.countDocuments({ sha256: hash, featureVersion: FEATURE_VERSION }).exec()) > 0;
  }

  async put(hash: string, vector: Float32Array): Promise<void> {
    await this.features
      .updateOne(
        { sha256: hash, featureVersion: FEATURE_VERSION },
        { $set: { vector: Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength) } },
        { upsert: true },
      )
      .exec();
  }

  /** Returns the cached vector, computing and storing it from the image bytes when missing. */
  async getOrCompute(hash: string, loadBytes: () => Promise<Buffer>): Promise<{ vector: Float32Array; cached: boolean }> {
    const hit = (await this.getMany([hash])).get(hash);
    if (hit) return { vector: hit, cached: true };
    const vector = await this.engine.extractFeatures(await loadBytes());
    await this.put(hash, vector);
    return { vector, cached: false };
  }
}

function bufferToFloat32(raw: Buffer | { buffer: Buffer }): Float32Array {
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from((raw as { buffer: Buffer }).buffer);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}
