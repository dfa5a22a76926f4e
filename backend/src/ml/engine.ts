/**
 * The in-thread engine: feature extractor + the active model. Each pool worker owns one; the CLIs use it
 * directly. Keeps a few models by id so a model switch never fails a request already dispatched.
 */
import { deserializeArtefact, type ModelArtefact } from './artefact';
import type { Augmentation } from './augment';
import { EngineError } from './errors';
import { DEFAULT_FEATURE_CONFIG, FeatureExtractor, type ExtractTimings, type FeatureConfig } from './features';
import { DEFAULT_LIMITS, type ImageLimits } from './image-io';
import { predictFromFeatures } from './predict';
import type { PhenotypePrediction } from './types';

const KEEP_MODELS = 3;

export function assertCompatible(a: ModelArtefact, featureVersion: string, featureDim: number): void {
  if (a.featureVersion !== featureVersion || a.featureDim !== featureDim) {
    throw new EngineError(
      `model was trained on features "${a.featureVersion}" (${a.featureDim}-d) but this engine extracts "${featureVersion}" (${featureDim}-d); retrain the model`,
      'incompatible',
    );
  }
}

export class PhenotypeEngine {
  private readonly models = new Map<string, ModelArtefact>();
  private current: string | null = null;

  private constructor(readonly extractor: FeatureExtractor) {}

  static async create(limits: ImageLimits = DEFAULT_LIMITS, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): Promise<PhenotypeEngine> {
    return new PhenotypeEngine(await FeatureExtractor.create(config, limits));
  }

  get modelId(): string | null {
    return this.current;
  }

  setModel(modelId: string, artefact: ModelArtefact | Buffer): void {
    const a = Buffer.isBuffer(artefact) ? deserializeArtefact(artefact) : artefact;
    assertCompatible(a, this.extractor.version, this.extractor.dim);
    this.models.delete(modelId);
    this.models.set(modelId, a);
    while (this.models.size > KEEP_MODELS) this.models.delete(this.models.keys().next().value as string);
    this.current = modelId;
  }

  async predict(image: Buffer, modelId?: string): Promise<PhenotypePrediction & { modelId: string; timings: ExtractTimings }> {
    const id = modelId && this.models.has(modelId) ? modelId : this.current;
    if (!id) throw new EngineError('no model is loaded; activate a model first', 'no_model');
    const model = this.models.get(id)!;
    const { features, timings } = await this.extractor.extract(image);
    return { ...predictFromFeatures(model, features), modelId: id, timings };
  }

  /** Features of the photo, or of a synthetic training copy of it (augment.ts). */
  async extractFeatures(image: Buffer, augmentation?: Augmentation): Promise<Float32Array> {
    return (augmentation ? await this.extractor.extractAugmented(image, augmentation) : await this.extractor.extract(image)).features;
  }

  dispose(): void {
    this.extractor.dispose();
  }
}
