import { createHash } from 'node:crypto';
import type { RgbImage } from './image-io';
import { HANDCRAFTED_CORE_DIM, HANDCRAFTED_DIM, HANDCRAFTED_VERSION, handcraftedFeatures } from './handcrafted';
import { seededRandom } from './split';

/** A noisy bicolour "cat": dark tabby-striped back, white belly and paws, two blue eyes, on a green background. */
function testCat(): RgbImage {
  const width = 240;
  const height = 180;
  const rand = seededRandom(7);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inBody = ((x - 120) / 90) ** 2 + ((y - 95) / 70) ** 2 <= 1;
      const eye = ((x - 100) ** 2 + (y - 55) ** 2 <= 16) || ((x - 140) ** 2 + (y - 55) ** 2 <= 16);
      let rgb: [number, number, number] = [60, 140, 70];
      if (inBody) rgb = y > 110 ? [235, 235, 230] : Math.floor(x / 7) % 2 ? [70, 55, 40] : [110, 85, 60];
      if (eye) rgb = [60, 120, 220];
      const n = (rand() - 0.5) * 16;
      data.set(rgb.map((v) => Math.max(0, Math.min(255, Math.round(v + n)))), (y * width + x) * 3);
    }
  return { data, width, height };
}

describe('handcrafted coat features', () => {
  it('gives HANDCRAFTED_DIM finite values, the hand-v2 part first', () => {
    const img = testCat();
    const f = handcraftedFeatures(img, { x0: 20, y0: 15, x1: 220, y1: 170 });
    expect(f).toHaveLength(HANDCRAFTED_DIM);
    expect(HANDCRAFTED_CORE_DIM).toBeLessThan(HANDCRAFTED_DIM);
    expect(f.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('still computes the values its version names (cached vectors and trained models rely on them)', () => {
    // A change of any value must come with a new HANDCRAFTED_VERSION (it is part of the feature-cache key and of the
    // model's feature version) and a retrained starter model; a speed-up must leave every bit as it was.
    const f = handcraftedFeatures(testCat(), { x0: 20.5, y0: 15.25, x1: 219.75, y1: 170 });
    const digest = createHash('sha256').update(Buffer.from(f.buffer, f.byteOffset, f.byteLength)).digest('hex');
    expect(HANDCRAFTED_VERSION).toBe('hand-v3');
    expect(digest).toBe('b9da216202e88b5a6a501894af725b9a83f1ae99aa35f42cba9c2a482d2c607d');
  });

  it('gives finite values for a degenerate (one-pixel) box', () => {
    const img = testCat();
    const f = handcraftedFeatures(img, { x0: 50, y0: 50, x1: 50, y1: 50 });
    expect(f).toHaveLength(HANDCRAFTED_DIM);
    expect(f.every((v) => Number.isFinite(v))).toBe(true);
  });
});
