/**
 * MobileNetV2 shipped inside nsfwjs 4.4.0 (a Keras layers model embedded as JS modules, weights base64).
 * We cut it at the global average pooling (1280-d) and use it as a frozen feature extractor.
 */
import * as path from 'node:path';
import { packageFile, tf, toArrayBuffer } from './tf-runtime';
import type { RgbImage } from './image-io';
import { letterbox } from './detector';

export const BACKBONE_SIZE = 224;
export const BACKBONE_DIM = 1280;

export class MobileNetBackbone {
  private constructor(private readonly model: tf.LayersModel) {}

  static async load(): Promise<MobileNetBackbone> {
    const dir = packageFile('nsfwjs', 'dist', 'models', 'mobilenet_v2');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const json = require(path.join(dir, 'model.min.js')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shard = Buffer.from(require(path.join(dir, 'group1-shard1of1.min.js')) as string, 'base64');
    const full = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: toArrayBuffer(shard) }),
    );
    const pool = full.getLayer('average_pooling2d_1');
    const model = tf.model({ inputs: full.inputs, outputs: pool.output as tf.SymbolicTensor });
    const b = new MobileNetBackbone(model);
    await b.embed({ data: new Uint8Array(32 * 32 * 3), width: 32, height: 32 });
    return b;
  }

  /** 1280-d embedding of the letterboxed image (pixels / 255, as nsfwjs does). */
  async embed(img: RgbImage): Promise<Float32Array> {
    const S = BACKBONE_SIZE;
    const scale = S / Math.max(img.width, img.height);
    const w = Math.max(1, Math.round(img.width * scale));
    const h = Math.max(1, Math.round(img.height * scale));
    const input = letterbox(img, S, w, h, Math.floor((S - w) / 2), Math.floor((S - h) / 2));
    for (let i = 0; i < input.length; i++) input[i] /= 255;
    const out = tf.tidy(() => (this.model.predict(tf.tensor4d(input, [1, S, S, 3])) as tf.Tensor).reshape([-1]));
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }

  dispose(): void {
    this.model.dispose();
  }
}
