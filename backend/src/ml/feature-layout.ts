/**
 * The layout of the feature vector (pure: no tfjs), its version string, and which blocks each trait head reads.
 * Chosen by cross-validated ablation on the dev sets (see RESULTS.md): the COCO detector's class scores are the
 * is_cat evidence; the handcrafted coat features of the detected cat region and its texture (the detector's own
 * stride-8 activations pooled over the box + LBP) drive every coat trait; the MobileNetV2 embedding lost on every
 * trait and is left out.
 */
import { HANDCRAFTED_CORE_DIM, HANDCRAFTED_DIM, HANDCRAFTED_VERSION } from './handcrafted';
import { TEXTURE_DIM, TEXTURE_VERSION } from './texture';
import { TRAIT_NAMES, type TraitName } from './vocabulary';

export type FeatureBlock = 'det' | 'hand' | 'tex' | 'mnv2';

export interface FeatureConfig {
  blocks: FeatureBlock[];
  /** longest side of the single decode */
  decodeSide: number;
  /** square input of the detector (multiple of 32) */
  detectorSize: number;
  /** below this cat score the handcrafted and texture features use the image centre instead of the box */
  boxMinScore: number;
}

export const DET_DIM = 80 + 7;
export const MNV2_DIM = 1280;

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  blocks: ['det', 'hand', 'tex'] as FeatureBlock[],
  decodeSide: 320,
  detectorSize: 320,
  boxMinScore: 0.1,
});

/** A block, or 'hand-core': the hand-v2 part of the handcrafted block (without the hand-v3 additions). */
export type HeadBlock = FeatureBlock | 'hand-core';

/**
 * Blocks each head reads in the default configuration (5-fold CV, 3+ seeds, see RESULTS.md): is_cat is best on
 * the detector alone; colour loses with the hand-v3 additions (more dimensions than its ~200 labelled photos
 * support), tabby/pointed gain from them; every coat head gains from the texture block.
 */
export const TRAIT_BLOCKS: Record<TraitName, HeadBlock[]> = {
  is_cat: ['det'],
  colour: ['hand-core', 'tex'],
  pattern: ['hand', 'tex'],
  is_tabby: ['hand', 'tex'],
  is_pointed: ['hand', 'tex'],
};

export function blockDim(b: FeatureBlock): number {
  return b === 'det' ? DET_DIM : b === 'hand' ? HANDCRAFTED_DIM : b === 'tex' ? TEXTURE_DIM : MNV2_DIM;
}

export function featureVersion(cfg: FeatureConfig): string {
  const parts = cfg.blocks.map((b) =>
    b === 'det'
      ? `det-centernet${cfg.detectorSize}-v2`
      : b === 'hand'
        ? `${HANDCRAFTED_VERSION}-box${cfg.boxMinScore}`
        : b === 'tex'
          ? `${TEXTURE_VERSION}-box${cfg.boxMinScore}`
          : 'mnv2-nsfwjs440-gap-v1',
  );
  return `${parts.join('+')}@${cfg.decodeSide}`;
}

export function featureDim(cfg: FeatureConfig): number {
  return cfg.blocks.reduce((s, b) => s + blockDim(b), 0);
}

/** Feature indices each trait head reads, for a configuration (blocks missing from it are skipped). */
export function headInputs(cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG, traitBlocks: Record<TraitName, HeadBlock[]> = TRAIT_BLOCKS): Record<TraitName, number[]> {
  const offsets = new Map<FeatureBlock, number>();
  let off = 0;
  for (const b of cfg.blocks) {
    offsets.set(b, off);
    off += blockDim(b);
  }
  const out = {} as Record<TraitName, number[]>;
  for (const t of TRAIT_NAMES) {
    const idx: number[] = [];
    for (const hb of traitBlocks[t]) {
      const b: FeatureBlock = hb === 'hand-core' ? 'hand' : hb;
      const o = offsets.get(b);
      const n = hb === 'hand-core' ? HANDCRAFTED_CORE_DIM : blockDim(b);
      if (o !== undefined) for (let i = 0; i < n; i++) idx.push(o + i);
    }
    out[t] = idx.length ? idx : Array.from({ length: off }, (_, i) => i);
  }
  return out;
}

export const FEATURE_VERSION: string = featureVersion(DEFAULT_FEATURE_CONFIG);
export const FEATURE_DIM: number = featureDim(DEFAULT_FEATURE_CONFIG);

/** Index of the detector's cat-score logit in the default layout (det block first). */
export const CAT_LOGIT_INDEX = 80;
/** Index of the raw COCO cat peak score in the default layout. */
export const CAT_SCORE_INDEX = 15;

/**
 * Features the open-set guard compares for a head that knows only part of its vocabulary. For colour: the
 * L, a, b and chroma percentiles of the inner body region (handcrafted values 23..42), where an unseen colour
 * stands out; in the full vector it would drown in unrelated dimensions.
 */
export function guardInputs(trait: TraitName, cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG): number[] | null {
  if (trait !== 'colour' || !cfg.blocks.includes('hand')) return null;
  let off = 0;
  for (const b of cfg.blocks) {
    if (b === 'hand') break;
    off += blockDim(b);
  }
  return Array.from({ length: 20 }, (_, i) => off + 23 + i);
}
