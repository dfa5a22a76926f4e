/**
 * Feature extraction: one decode, then the chosen blocks concatenated into one vector.
 *  - det:  COCO CenterNet class peak scores (80) + cat score logit + cat box geometry
 *  - hand: handcrafted coat features of the detected cat region (falls back to the image centre)
 *  - tex:  texture of the same region: the detector's stride-8 activations pooled over it + LBP of the coat
 *  - mnv2: nsfwjs MobileNetV2 1280-d embedding (measured, see RESULTS.md; not in the default set)
 * FEATURE_VERSION names the blocks and their versions: cached features are keyed by (sha256, FEATURE_VERSION).
 */
import { augmentImage, mirror, type Augmentation } from './augment';
import { MobileNetBackbone } from './backbone';
import { blockDim, DEFAULT_FEATURE_CONFIG, DET_DIM, featureVersion, type FeatureConfig } from './feature-layout';
import { CatDetector, COCO_CAT, COCO_CLASSES, COCO_DOG, type Detection } from './detector';
import { defaultRegion, handcraftedFeatures } from './handcrafted';
import { textureFeatures } from './texture';
import { decodeRgb, DEFAULT_LIMITS, type ImageLimits, type RgbImage } from './image-io';
import { initTf } from './tf-runtime';

export { DEFAULT_FEATURE_CONFIG, FEATURE_DIM, FEATURE_VERSION, featureVersion, blockDim, DET_DIM } from './feature-layout';
export type { FeatureBlock, FeatureConfig } from './feature-layout';

export function detFeatures(d: Detection, img: RgbImage): Float32Array {
  const out = new Float32Array(DET_DIM);
  out.set(d.classScores, 0);
  const p = Math.min(0.999, Math.max(0.001, d.catScore));
  const b = d.catBox;
  const area = b ? ((b.x1 - b.x0) * (b.y1 - b.y0)) / (img.width * img.height) : 0;
  out.set(
    [
      Math.log(p / (1 - p)),
      Math.log(Math.max(0.001, d.catScore) / Math.max(0.001, d.classScores[COCO_DOG])),
      area,
      b ? (b.x1 - b.x0) / Math.max(1, b.y1 - b.y0) : 0,
      b ? (b.x0 + b.x1) / 2 / img.width : 0.5,
      b ? (b.y0 + b.y1) / 2 / img.height : 0.5,
      b ? 1 : 0,
    ],
    COCO_CLASSES,
  );
  return out;
}

export interface ExtractTimings {
  decodeMs: number;
  detectorMs: number;
  /** handcrafted + texture blocks */
  handMs: number;
  backboneMs: number;
}
export interface ExtractResult {
  features: Float32Array;
  catScore: number;
  timings: ExtractTimings;
}

export class FeatureExtractor {
  readonly version: string;
  readonly dim: number;
  private constructor(
    readonly config: FeatureConfig,
    private readonly detector: CatDetector | null,
    private readonly backbone: MobileNetBackbone | null,
    readonly limits: ImageLimits,
  ) {
    this.version = featureVersion(config);
    this.dim = config.blocks.reduce((s, b) => s + blockDim(b), 0);
  }

  static async create(config: FeatureConfig = DEFAULT_FEATURE_CONFIG, limits: ImageLimits = DEFAULT_LIMITS): Promise<FeatureExtractor> {
    await initTf();
    const needsDetector = config.blocks.some((b) => b === 'det' || b === 'hand' || b === 'tex');
    const detector = needsDetector ? await CatDetector.load(config.detectorSize) : null;
    const backbone = config.blocks.includes('mnv2') ? await MobileNetBackbone.load() : null;
    return new FeatureExtractor(config, detector, backbone, limits);
  }

  async decode(bytes: Buffer): Promise<RgbImage> {
    return decodeRgb(bytes, this.config.decodeSide, this.limits);
  }

  async extract(bytes: Buffer): Promise<ExtractResult> {
    const t0 = performance.now();
    const img = await this.decode(bytes);
    const decodeMs = performance.now() - t0;
    const r = await this.extractRgb(img);
    r.timings.decodeMs = decodeMs;
    return r;
  }

  async extractRgb(img: RgbImage): Promise<ExtractResult> {
    const timings: ExtractTimings = { decodeMs: 0, detectorMs: 0, handMs: 0, backboneMs: 0 };
    let t = performance.now();
    const det = this.detector ? await this.detector.detect(img) : null;
    timings.detectorMs = performance.now() - t;
    const out = new Float32Array(this.dim);
    const box = det && det.catBox && det.catScore >= this.config.boxMinScore ? det.catBox : defaultRegion(img);
    let off = 0;
    for (const b of this.config.blocks) {
      if (b === 'det' && det) out.set(detFeatures(det, img), off);
      if (b === 'hand') {
        t = performance.now();
        out.set(handcraftedFeatures(img, box), off);
        timings.handMs += performance.now() - t;
      }
      if (b === 'tex' && det) {
        t = performance.now();
        out.set(textureFeatures(img, box, det.activations), off);
        timings.handMs += performance.now() - t;
      }
      if (b === 'mnv2' && this.backbone) {
        t = performance.now();
        out.set(await this.backbone.embed(img), off);
        timings.backboneMs = performance.now() - t;
      }
      off += blockDim(b);
    }
    return { features: out, catScore: det ? det.catScore : 0, timings };
  }

  /**
   * Features of a synthetic training copy of the photo (see augment.ts): the coat of the detected cat is changed,
   * then the changed image goes through the whole pipeline again.
   */
  async extractAugmented(bytes: Buffer, augmentation: Augmentation): Promise<ExtractResult> {
    const img = await this.decode(bytes);
    return this.extractRgb(await this.augmentRgb(img, augmentation));
  }

  /** The synthetic copy itself: mirrored, or the coat in the detected cat box (or the image centre) recoloured. */
  async augmentRgb(img: RgbImage, augmentation: Augmentation): Promise<RgbImage> {
    if (augmentation.kind === 'mirror') return mirror(img);
    const det = this.detector ? await this.detector.detect(img) : null;
    const box = det && det.catBox && det.catScore >= this.config.boxMinScore ? det.catBox : defaultRegion(img);
    return augmentImage(img, box, augmentation);
  }

  /** One forward pass of the network this configuration depends on (for the benchmark floor). */
  async backboneOnly(img: RgbImage): Promise<void> {
    if (this.detector) await this.detector.detect(img);
    else if (this.backbone) await this.backbone.embed(img);
  }

  dispose(): void {
    this.detector?.dispose();
    this.backbone?.dispose();
  }
}

export { COCO_CAT };
