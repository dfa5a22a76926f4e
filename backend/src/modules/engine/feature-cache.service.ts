import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { copyFeatureVersion, FEATURE_VERSION, type Augmentation } from '../../ml';
import { featureKey, ImageFeatures } from './schemas/image-features.schema';
import { EngineService } from './engine.service';

const SMALL_LOOKUP = 200;

/** Features per image content hash + extractor version; computes only what is missing. */
@Injectable()
export class FeatureCacheService {
  constructor(
    @InjectModel(ImageFeatures.name) private readonly features: Model<ImageFeatures>,
    private readonly engine: EngineService,
  ) {}

  async getMany(hashes: string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    if (hashes.length > SMALL_LOOKUP) {
      // A training run asks for thousands: one pass over this version's vectors beats thousands of lookups.
      const wanted = new Set(hashes);
      const cursor = this.features.find({ featureVersion: FEATURE_VERSION }).lean().cursor({ batchSize: 1000 });
      for await (const d of cursor) if (wanted.has(d.sha256)) out.set(d.sha256, toFloat32(d.vector));
      return out;
    }
    const docs = await Promise.all(hashes.map((h) => this.features.findById(featureKey(FEATURE_VERSION, h)).lean().exec()));
    for (const d of docs) if (d) out.set(d.sha256, toFloat32(d.vector));
    return out;
  }

  async has(hash: string): Promise<boolean> {
    return (await this.features.exists({ _id: featureKey(FEATURE_VERSION, hash) })) !== null;
  }

  /** Idempotent: the vector of the same bytes under the same extractor is always the same. */
  async put(hash: string, vector: Float32Array, version = FEATURE_VERSION): Promise<void> {
    try {
      await this.features.create({
        _id: featureKey(version, hash),
        sha256: hash,
        featureVersion: version,
        vector: Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /**
   * Returns the cached vector, computing and storing it from the image bytes when missing. With an augmentation it
   * is the vector of a synthetic training copy of the image (ml/augment.ts), kept under its own version key.
   */
  async getOrCompute(hash: string, loadBytes: () => Promise<Buffer>, augmentation?: Augmentation): Promise<{ vector: Float32Array; cached: boolean }> {
    const version = augmentation ? copyFeatureVersion(FEATURE_VERSION, augmentation) : FEATURE_VERSION;
    const hit = await this.features.findById(featureKey(version, hash)).lean().exec();
    if (hit) return { vector: toFloat32(hit.vector), cached: true };
    const vector = await this.engine.extractFeatures(await loadBytes(), augmentation);
    await this.put(hash, vector, version);
    return { vector, cached: false };
  }
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return e?.code === 11000 || /duplicate key/i.test(e?.message ?? '');
}

function toFloat32(raw: unknown): Float32Array {
  const r = raw as Buffer | { buffer: Buffer };
  const buf = Buffer.isBuffer(r) ? r : Buffer.from(r.buffer);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}
