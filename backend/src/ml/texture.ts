/**
 * Texture features of the cat region (tabby stripes, ticking, points, the grain of a solid coat) — the `tex` block:
 *  - the detector's stride-8 backbone activations inside the cat box: per-channel mean and standard deviation
 *    (a learnt, mid-level texture descriptor that comes free with the detector's forward pass);
 *  - rotation-invariant uniform local binary patterns (LBP riu2, 8 neighbours) of the lightness of the coat at
 *    three scales, on an anti-aliased resample of the box (white patches and the box corners left out).
 * Chosen by 5-fold CV on the dev sets (see RESULTS.md): on tabby and pointed it beats every handcrafted
 * orientation/stripe-energy measure tried (structure tensor coherence, orientation histograms, band-pass
 * energies, local contrast, a forehead region) and a higher-resolution decode.
 */
import type { ActivationMap, Box } from './detector';
import type { RgbImage } from './image-io';
import { fLab, LIN } from './colour-space';

export const TEXTURE_VERSION = 'tex-v1';
/** channels of the activation map (fixed by the detector graph) */
export const ACTIVATION_CHANNELS = 32;
const LBP_LEVELS = 3;
const LBP_BINS = 10;
export const TEXTURE_DIM = 2 * ACTIVATION_CHANNELS + 1 + LBP_LEVELS * LBP_BINS;

/** Per-channel mean, then per-channel (population) standard deviation, of the activations inside `box`. */
export function boxActivationStats(act: ActivationMap, box: Box): Float32Array {
  const C = act.channels;
  const out = new Float32Array(2 * ACTIVATION_CHANNELS);
  if (C !== ACTIVATION_CHANNELS || act.width < 1 || act.height < 1) return out;
  const cell = (v: number, o: number, max: number) => Math.min(max, Math.max(0, (v * act.scale + o) / act.stride));
  const x0 = Math.min(act.width - 1, Math.floor(cell(box.x0, act.ox, act.width)));
  const y0 = Math.min(act.height - 1, Math.floor(cell(box.y0, act.oy, act.height)));
  const x1 = Math.min(act.width, Math.max(x0 + 1, Math.ceil(cell(box.x1, act.ox, act.width))));
  const y1 = Math.min(act.height, Math.max(y0 + 1, Math.ceil(cell(box.y1, act.oy, act.height))));
  const sum = new Float64Array(C);
  const sq = new Float64Array(C);
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = (y * act.width + x) * C;
      for (let c = 0; c < C; c++) {
        const v = act.data[o + c];
        sum[c] += v;
        sq[c] += v * v;
      }
      n++;
    }
  }
  for (let c = 0; c < C; c++) {
    const m = sum[c] / n;
    out[c] = m;
    out[C + c] = Math.sqrt(Math.max(0, sq[c] / n - m * m));
  }
  return out;
}


const G = 128; // the box is area-averaged onto a G x G grid

/**
 * Lightness of the box, area-averaged (in linear light) onto G x G, and the coat mask: inside an ellipse that
 * leaves out the box corners (mostly background) and not white (L* > 78, chroma < 12).
 */
function lightnessAndMask(img: RgbImage, box: Box): { L: Float32Array; mask: Uint8Array } {
  const W = img.width;
  const H = img.height;
  const d = img.data;
  const x0 = Math.max(0, box.x0);
  const y0 = Math.max(0, box.y0);
  const sx = Math.max(1e-3, Math.min(W, box.x1) - x0) / G;
  const sy = Math.max(1e-3, Math.min(H, box.y1) - y0) / G;
  const L = new Float32Array(G * G);
  const mask = new Uint8Array(G * G);
  const xr0 = new Int32Array(G);
  const xr1 = new Int32Array(G);
  for (let gx = 0; gx < G; gx++) {
    const xa = x0 + gx * sx;
    xr0[gx] = Math.floor(xa);
    xr1[gx] = Math.min(W, Math.max(xr0[gx] + 1, Math.ceil(xa + sx)));
  }
  for (let gy = 0; gy < G; gy++) {
    const ya = y0 + gy * sy;
    const iy0 = Math.floor(ya);
    const iy1 = Math.min(H, Math.max(iy0 + 1, Math.ceil(ya + sy)));
    const fy = gy / G;
    for (let gx = 0; gx < G; gx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      const ix0 = xr0[gx];
      const ix1 = xr1[gx];
      for (let y = iy0; y < iy1; y++) {
        let si = (y * W + ix0) * 3;
        for (let x = ix0; x < ix1; x++, si += 3) {
          r += LIN[d[si]];
          g += LIN[d[si + 1]];
          b += LIN[d[si + 2]];
          n++;
        }
      }
      if (!n) continue;
      r /= n;
      g /= n;
      b /= n;
      const fyv = fLab(0.2126 * r + 0.7152 * g + 0.0722 * b);
      const i = gy * G + gx;
      const l = 116 * fyv - 16;
      L[i] = l;
      const ex = (gx / G - 0.5) / 0.42;
      const ey = (fy - 0.55) / 0.45;
      if (ex * ex + ey * ey > 1) continue;
      // a* and b* (two more cube roots) only where the cell could be white
      let white = false;
      if (l > 78) {
        const a = 500 * (fLab((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047) - fyv);
        const bb = 200 * (fyv - fLab((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883));
        white = Math.sqrt(a * a + bb * bb) < 12;
      }
      mask[i] = white ? 0 : 1;
    }
  }
  return { L, mask };
}

function halve(v: Float32Array, m: Uint8Array, g: number): { L: Float32Array; mask: Uint8Array } {
  const h = g >> 1;
  const L = new Float32Array(h * h);
  const mask = new Uint8Array(h * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < h; x++) {
      const i = 2 * y * g + 2 * x;
      L[y * h + x] = (v[i] + v[i + 1] + v[i + g] + v[i + g + 1]) / 4;
      mask[y * h + x] = m[i] + m[i + 1] + m[i + g] + m[i + g + 1] >= 3 ? 1 : 0;
    }
  }
  return { L, mask };
}

/** riu2 label of each 8-bit pattern: the number of set bits for uniform patterns (<= 2 transitions), else 9 */
const RIU2 = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  let transitions = 0;
  let ones = 0;
  for (let k = 0; k < 8; k++) {
    const a = (c >> k) & 1;
    transitions += a !== ((c >> ((k + 1) % 8)) & 1) ? 1 : 0;
    ones += a;
  }
  RIU2[c] = transitions <= 2 ? ones : 9;
}

/** LBP riu2 histogram (neighbour >= centre + 1 L* unit) over the masked pixels of a g x g plane. */
function lbpHistogram(L: Float32Array, mask: Uint8Array, g: number, out: number[]): void {
  const h = new Float64Array(LBP_BINS);
  let n = 0;
  const nb = [-g - 1, -g, -g + 1, 1, g + 1, g, g - 1, -1];
  for (let y = 1; y < g - 1; y++) {
    for (let x = 1; x < g - 1; x++) {
      const i = y * g + x;
      if (!mask[i]) continue;
      const v = L[i] + 1;
      let code = 0;
      for (let k = 0; k < 8; k++) if (L[i + nb[k]] >= v) code |= 1 << k;
      h[RIU2[code]]++;
      n++;
    }
  }
  for (let b = 0; b < LBP_BINS; b++) out.push(n ? h[b] / n : 0);
}

/** Lightness spread of the coat, then LBP histograms at 1, 1/2 and 1/4 of the 128-grid resolution. */
export function lbpFeatures(img: RgbImage, box: Box): number[] {
  let { L, mask } = lightnessAndMask(img, box);
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let i = 0; i < L.length; i++) {
    if (!mask[i]) continue;
    s += L[i];
    s2 += L[i] * L[i];
    n++;
  }
  const spread = Math.sqrt(Math.max(1e-6, n ? s2 / n - (s / n) ** 2 : 0));
  const out: number[] = [spread / 20];
  let g = G;
  for (let level = 0; level < LBP_LEVELS; level++) {
    if (level > 0) {
      ({ L, mask } = halve(L, mask, g));
      g >>= 1;
    }
    lbpHistogram(L, mask, g, out);
  }
  return out;
}

/** The `tex` block: box-pooled detector activations (2 x 32) then the LBP texture of the coat (31). */
export function textureFeatures(img: RgbImage, box: Box, act: ActivationMap): Float32Array {
  const out = new Float32Array(TEXTURE_DIM);
  out.set(boxActivationStats(act, box), 0);
  out.set(lbpFeatures(img, box), 2 * ACTIVATION_CHANNELS);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) out[i] = 0;
  return out;
}
