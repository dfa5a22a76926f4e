import type { ActivationMap } from './detector';
import type { RgbImage } from './image-io';
import { ACTIVATION_CHANNELS, boxActivationStats, lbpFeatures, TEXTURE_DIM, textureFeatures } from './texture';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  return { data, width, height };
}

const brown: [number, number, number] = [120, 90, 60];
const dark: [number, number, number] = [40, 30, 20];
const whole = (img: RgbImage) => ({ x0: 0, y0: 0, x1: img.width, y1: img.height });

describe('LBP texture of the coat', () => {
  it('gives one normalised 10-bin histogram per scale after the lightness spread', () => {
    const img = image(200, 160, (x) => (Math.floor(x / 6) % 2 ? brown : dark));
    const f = lbpFeatures(img, whole(img));
    expect(f).toHaveLength(31);
    for (let level = 0; level < 3; level++) {
      const h = f.slice(1 + level * 10, 11 + level * 10);
      expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });

  it('tells stripes from a flat coat of the same colours', () => {
    const stripes = image(200, 160, (x) => (Math.floor(x / 6) % 2 ? brown : dark));
    const flat = image(200, 160, () => brown);
    const s = lbpFeatures(stripes, whole(stripes));
    const f = lbpFeatures(flat, whole(flat));
    expect(s[0]).toBeGreaterThan(0.5); // lightness spread of the stripes
    expect(f[0]).toBeLessThan(0.01);
    // a flat coat is all "no neighbour brighter" (bin 0) at the finest scale; stripes have edges (other bins)
    expect(f[1]).toBeCloseTo(1, 6);
    expect(s[1]).toBeLessThan(0.9);
  });

  it('leaves white out of the coat: an all-white box has no texture at all', () => {
    const white = image(120, 120, (x) => (x % 2 ? [255, 255, 255] : [240, 240, 240]));
    expect(lbpFeatures(white, whole(white)).every((v) => v === 0 || v === Math.sqrt(1e-6) / 20)).toBe(true);
  });
});

describe('box-pooled detector activations', () => {
  // 4 x 3 cells of stride 8, image scaled by 0.5 and shifted by 8 input pixels horizontally
  const map = (): ActivationMap => {
    const C = ACTIVATION_CHANNELS;
    const data = new Float32Array(4 * 3 * C);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) for (let c = 0; c < C; c++) data[(y * 4 + x) * C + c] = c === 0 ? x : c === 1 ? y * 10 : 1;
    return { data, width: 4, height: 3, channels: C, stride: 8, scale: 0.5, ox: 8, oy: 0 };
  };

  it('averages the cells under the box (image coordinates mapped onto the map) and gives their spread', () => {
    // image x 16..48 -> input 16..32 -> cells 2..3 (x = 2, 3); image y 0..32 -> input 0..16 -> cells 0..1
    const s = boxActivationStats(map(), { x0: 16, y0: 0, x1: 48, y1: 32 });
    expect(s).toHaveLength(2 * ACTIVATION_CHANNELS);
    expect(s[0]).toBeCloseTo(2.5, 6);
    expect(s[1]).toBeCloseTo(5, 6);
    expect(s[2]).toBeCloseTo(1, 6);
    expect(s[ACTIVATION_CHANNELS]).toBeCloseTo(0.5, 6);
    expect(s[ACTIVATION_CHANNELS + 1]).toBeCloseTo(5, 6);
    expect(s[ACTIVATION_CHANNELS + 2]).toBeCloseTo(0, 6);
  });

  it('still reads one cell for a box at the very edge of the map', () => {
    const s = boxActivationStats(map(), { x0: 100, y0: 100, x1: 100, y1: 100 });
    expect(s[0]).toBe(3);
    expect(s[1]).toBe(20);
  });

  it('makes a finite block of the documented length', () => {
    const img = image(64, 48, (x, y) => [(x * 7) % 256, (y * 5) % 256, 90]);
    const f = textureFeatures(img, whole(img), map());
    expect(f).toHaveLength(TEXTURE_DIM);
    expect(f.every(Number.isFinite)).toBe(true);
  });
});
