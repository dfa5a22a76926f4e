/**
 * Handcrafted coat features of the cat region: Lab/HSV statistics, named-colour fractions, white and dark
 * fractions per body region (bicolour/van), a coarse colour layout, extremities-vs-body contrast (colourpoint)
 * and stripe/texture energy (tabby). Pure typed-array code, ≈ 9 ms on a 96x96 crop on the 2-core dev machine.
 */
import type { Box } from './detector';
import type { RgbImage } from './image-io';
import { fLab, LIN } from './colour-space';

export const HANDCRAFTED_VERSION = 'hand-v3';
const G = 96; // crop resampled to G x G


/** Named colour prototypes in Lab, used for soft "how much of the coat is this colour" fractions. */
const PROTOTYPES: [number, number, number][] = [
  [8, 0, 0], // black
  [25, 1, 2], // very dark grey / brown-black
  [45, -1, -4], // dark blue-grey
  [62, -1, -5], // blue
  [75, 2, -2], // pale grey / lilac
  [93, 0, 2], // white
  [30, 10, 18], // chocolate
  [45, 14, 26], // cinnamon / warm brown
  [65, 8, 14], // fawn
  [55, 28, 48], // red
  [72, 14, 34], // light red / apricot
  [84, 5, 20], // cream
  [40, 5, 10], // brown tabby ground
];

const PROTO_FLAT = Float64Array.from(PROTOTYPES.flat());

interface Plane {
  L: Float32Array;
  A: Float32Array;
  B: Float32Array;
  C: Float32Array;
  H: Float32Array; // hue angle in Lab, radians
  S: Float32Array; // HSV saturation
  V: Float32Array; // HSV value
}

/** Region of the image the features describe: the cat box, or the central 80% when there is none. */
export function defaultRegion(img: RgbImage): Box {
  return { x0: img.width * 0.1, y0: img.height * 0.1, x1: img.width * 0.9, y1: img.height * 0.9 };
}

function cropPlanes(img: RgbImage, box: Box): Plane {
  const n = G * G;
  const p: Plane = {
    L: new Float32Array(n),
    A: new Float32Array(n),
    B: new Float32Array(n),
    C: new Float32Array(n),
    H: new Float32Array(n),
    S: new Float32Array(n),
    V: new Float32Array(n),
  };
  const bw = Math.max(1, box.x1 - box.x0);
  const bh = Math.max(1, box.y1 - box.y0);
  for (let y = 0; y < G; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, Math.floor(box.y0 + ((y + 0.5) * bh) / G)));
    for (let x = 0; x < G; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, Math.floor(box.x0 + ((x + 0.5) * bw) / G)));
      const si = (sy * img.width + sx) * 3;
      const r8 = img.data[si];
      const g8 = img.data[si + 1];
      const b8 = img.data[si + 2];
      const r = LIN[r8];
      const g = LIN[g8];
      const b = LIN[b8];
      const X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
      const Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      const Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
      const fx = fLab(X);
      const fy = fLab(Y);
      const fz = fLab(Z);
      const i = y * G + x;
      const L = 116 * fy - 16;
      const A = 500 * (fx - fy);
      const B = 200 * (fy - fz);
      p.L[i] = L;
      p.A[i] = A;
      p.B[i] = B;
      p.C[i] = Math.sqrt(A * A + B * B);
      p.H[i] = Math.atan2(B, A);
      const mx = Math.max(r8, g8, b8);
      const mn = Math.min(r8, g8, b8);
      p.V[i] = mx / 255;
      p.S[i] = mx === 0 ? 0 : (mx - mn) / mx;
    }
  }
  return p;
}

/**
 * A pixel set of the G x G crop: its membership mask and the same pixels as an ascending index list. Loops over a
 * region visit only its pixels, in index order, so a small region (a 4x4 grid cell) costs what it holds and every
 * sum adds the same values in the same order as a scan of the mask would.
 */
interface Region {
  mask: Uint8Array;
  idx: Int32Array;
}
function region(mask: Uint8Array): Region {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const idx = new Int32Array(n);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) idx[j++] = i;
  return { mask, idx };
}
function regionMask(fn: (x: number, y: number) => boolean): Region {
  const m = new Uint8Array(G * G);
  for (let y = 0; y < G; y++) for (let x = 0; x < G; x++) m[y * G + x] = fn(x / G, y / G) ? 1 : 0;
  return region(m);
}
const ALL = regionMask(() => true);
const INNER = regionMask((x, y) => x > 0.25 && x < 0.75 && y > 0.3 && y < 0.8);
const TOP = regionMask((x, y) => y < 0.33 && x > 0.2 && x < 0.8);
const BOTTOM = regionMask((x, y) => y > 0.67 && x > 0.15 && x < 0.85);
const MIDDLE = regionMask((x, y) => y >= 0.33 && y <= 0.67 && x > 0.15 && x < 0.85);
const LEFT = regionMask((x, y) => x < 0.33 && y > 0.2);
const RIGHT = regionMask((x, y) => x > 0.67 && y > 0.2);
const BORDER = regionMask((x, y) => x < 0.12 || x > 0.88 || y < 0.1 || y > 0.9);
/** centre-weighted body core: an ellipse in the middle of the box (background and edges excluded) */
const CORE = regionMask((x, y) => ((x - 0.5) / 0.32) ** 2 + ((y - 0.55) / 0.36) ** 2 <= 1);
/** upper corners of the box: ears (and face edges on a head close-up) */
const EARS = regionMask((x, y) => y < 0.25 && (x < 0.3 || x > 0.7));
/** upper half: where the eyes are, on a head shot or a whole cat */
const UPPER = regionMask((x, y) => y < 0.55 && x > 0.15 && x < 0.85);
const GRID: Region[] = [];
for (let gy = 0; gy < 4; gy++) for (let gx = 0; gx < 4; gx++) GRID.push(regionMask((x, y) => Math.floor(x * 4) === gx && Math.floor(y * 4) === gy));

const SCRATCH = new Float32Array(G * G);
function percentiles(values: Float32Array, r: Region, qs: number[]): number[] {
  const { idx } = r;
  const n = idx.length;
  const v = SCRATCH; // the selection reorders a copy; one buffer serves every call (synchronous, one per thread)
  for (let j = 0; j < n; j++) v[j] = values[idx[j]];
  if (n === 0) return qs.map(() => 0);
  // order statistics by quickselect (O(n) per quantile; the values equal those of a full sort, which cost
  // half of the handcrafted features' time)
  const ks = qs.map((q) => Math.min(n - 1, Math.floor(q * n)));
  const order = ks.map((_, i) => i).sort((a, b) => ks[a] - ks[b]);
  const out = new Array<number>(qs.length);
  let lo = 0;
  for (const i of order) {
    const k = ks[i];
    if (k >= lo) {
      select(v, lo, n - 1, k);
      lo = k + 1;
    }
    out[i] = v[k];
  }
  return out;
}

/** Rearranges a[lo..hi] so a[k] is the value a sorted range would hold there, smaller-or-equal values before it. */
function select(a: Float32Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    // median of three as pivot
    const mid = (lo + hi) >> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function fraction(r: Region, pred: (i: number) => boolean): number {
  const { idx } = r;
  let k = 0;
  for (let j = 0; j < idx.length; j++) if (pred(idx[j])) k++;
  return idx.length ? k / idx.length : 0;
}

/** Per-pixel flags of the crop for a test used on many regions (white, dark): evaluated once, counted per region. */
function pixelFlags(pred: (i: number) => boolean): Uint8Array {
  const f = new Uint8Array(G * G);
  for (let i = 0; i < f.length; i++) f[i] = pred(i) ? 1 : 0;
  return f;
}

function share(r: Region, flags: Uint8Array): number {
  const { idx } = r;
  let k = 0;
  for (let j = 0; j < idx.length; j++) k += flags[idx[j]];
  return idx.length ? k / idx.length : 0;
}

function meanOf(values: Float32Array, r: Region): number {
  const { idx } = r;
  let s = 0;
  for (let j = 0; j < idx.length; j++) s += values[idx[j]];
  return idx.length ? s / idx.length : 0;
}

/**
 * Soft assignment of each pixel to the colour prototypes; mean membership per prototype over three pixel sets:
 * the whole box, the inner body, and the whole box without white patches.
 */
function prototypeFractions(p: Plane): number[][] {
  const K = PROTOTYPES.length;
  const acc = [new Float64Array(K), new Float64Array(K), new Float64Array(K)];
  const cnt = [0, 0, 0];
  const w = new Float64Array(K);
  for (let i = 0; i < G * G; i++) {
    let s = 0;
    const L = p.L[i];
    const A = p.A[i];
    const B = p.B[i];
    for (let k = 0; k < K; k++) {
      const dl = L - PROTO_FLAT[k * 3];
      const da = A - PROTO_FLAT[k * 3 + 1];
      const db = B - PROTO_FLAT[k * 3 + 2];
      const d2 = (dl * dl) / 2 + da * da + db * db;
      w[k] = Math.exp(-d2 / 200);
      s += w[k];
    }
    if (s < 1e-12) continue;
    for (let j = 0; j < 3; j++) {
      if (j === 0 ? ALL.mask[i] !== 1 : j === 1 ? INNER.mask[i] !== 1 : ALL.mask[i] !== 1 || (L > 82 && p.C[i] < 12)) continue;
      cnt[j]++;
      const aj = acc[j];
      for (let k = 0; k < K; k++) aj[k] += w[k] / s;
    }
  }
  return acc.map((a, j) => Array.from(a, (v) => (cnt[j] ? v / cnt[j] : 0)));
}

function hueHistogram(p: Plane, r: Region, bins: number): number[] {
  const h = new Array(bins).fill(0);
  let tot = 0;
  for (let j = 0; j < r.idx.length; j++) {
    const i = r.idx[j];
    const c = p.C[i];
    if (c < 6) continue;
    const b = Math.min(bins - 1, Math.floor(((p.H[i] + Math.PI) / (2 * Math.PI)) * bins));
    h[b] += c;
    tot += c;
  }
  return h.map((v) => (tot ? v / tot : 0));
}

/** Texture: gradient energy by orientation and band-pass energy at two scales, on L, excluding white. */
function texture(p: Plane, r: Region): number[] {
  const mask = r.mask;
  const L = p.L;
  const orient = [0, 0, 0, 0];
  let gsum = 0;
  let g2 = 0;
  let n = 0;
  let lap1 = 0;
  let lap2 = 0;
  let dev = 0;
  for (let y = 2; y < G - 2; y++) {
    for (let x = 2; x < G - 2; x++) {
      const i = y * G + x;
      if (!mask[i]) continue;
      const gx = L[i + 1] - L[i - 1];
      const gy = L[i + G] - L[i - G];
      const mag = Math.sqrt(gx * gx + gy * gy);
      gsum += mag;
      g2 += mag * mag;
      const ang = Math.atan2(gy, gx);
      const o = Math.floor((((ang + Math.PI) / Math.PI) * 4) % 4);
      orient[o] += mag;
      lap1 += Math.abs(4 * L[i] - L[i - 1] - L[i + 1] - L[i - G] - L[i + G]);
      lap2 += Math.abs(4 * L[i] - L[i - 2] - L[i + 2] - L[i - 2 * G] - L[i + 2 * G]);
      let m = 0;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) m += L[i + dy * G + dx];
      dev += Math.abs(L[i] - m / 25);
      n++;
    }
  }
  if (!n) return new Array(10).fill(0);
  const gm = gsum / n;
  const gstd = Math.sqrt(Math.max(0, g2 / n - gm * gm));
  const osum = orient.reduce((a, b) => a + b, 0) || 1;
  const sortedO = orient.map((o) => o / osum).sort((a, b) => b - a);
  const lstd = Math.sqrt(Math.max(1e-6, variance(L, r)));
  return [gm / 10, gstd / 10, lap1 / n / 10, lap2 / n / 10, dev / n / 5, lap2 / (lap1 + 1e-6), dev / n / lstd, sortedO[0], sortedO[3], (lap2 - lap1) / (lap1 + lap2 + 1e-6)];
}

function variance(v: Float32Array, r: Region): number {
  const m = meanOf(v, r);
  const { idx } = r;
  let s = 0;
  for (let j = 0; j < idx.length; j++) s += (v[idx[j]] - m) * (v[idx[j]] - m);
  return idx.length ? s / idx.length : 0;
}

/**
 * hand-v3 additions (appended, so the first values are hand-v2's): colour of the coat without its white
 * patches and of the centre-weighted body core (background and white do not dominate the colour), the raw 4x4
 * white layout (bicolour/van: white below, colour on the back), blue eyes (colourpoints are blue-eyed) and
 * ears-vs-body contrast (points).
 */
const V3_DIM = 38;
function v3Features(p: Plane, gw: number[], white: Uint8Array): number[] {
  const out: number[] = [];
  const nonWhite = new Uint8Array(G * G);
  const coreNonWhite = new Uint8Array(G * G);
  for (let i = 0; i < G * G; i++) {
    const w = white[i] === 1;
    nonWhite[i] = !w ? 1 : 0;
    coreNonWhite[i] = CORE.mask[i] && !w ? 1 : 0;
  }
  for (const mask of [region(nonWhite), region(coreNonWhite)]) {
    out.push(...percentiles(p.L, mask, [0.25, 0.5, 0.75]).map((v) => v / 50));
    out.push(...percentiles(p.A, mask, [0.5]).map((v) => v / 20));
    out.push(...percentiles(p.B, mask, [0.5]).map((v) => v / 20));
    out.push(...percentiles(p.C, mask, [0.5, 0.9]).map((v) => v / 20));
  }
  out.push(share(CORE, white));
  out.push(...gw);
  const isBlue = (i: number) => p.B[i] < -10 && p.C[i] > 12 && p.L[i] > 25;
  out.push(fraction(UPPER, isBlue) * 10, fraction(ALL, isBlue) * 10);
  const upperBlue = percentiles(p.B, UPPER, [0.01, 0.03]);
  out.push(-upperBlue[0] / 20, -upperBlue[1] / 20);
  const lCore = percentiles(p.L, CORE, [0.5])[0];
  const lEars = percentiles(p.L, EARS, [0.25, 0.5]);
  out.push((lCore - lEars[0]) / 30, (lCore - lEars[1]) / 30, fraction(EARS, (i) => p.L[i] < 35));
  return out;
}

export const HANDCRAFTED_DIM = computeDim();
/** Length of the hand-v2 part (the first values of the block); the hand-v3 additions follow it. */
export const HANDCRAFTED_CORE_DIM = HANDCRAFTED_DIM - V3_DIM;
function computeDim(): number {
  return handcraftedFeatures({ data: new Uint8Array(8 * 8 * 3), width: 8, height: 8 }, { x0: 0, y0: 0, x1: 8, y1: 8 }).length;
}

/** The handcrafted feature vector of `box` in `img` (values roughly in -3..3 before standardisation). */
export function handcraftedFeatures(img: RgbImage, box: Box): Float32Array {
  const p = cropPlanes(img, box);
  const out: number[] = [];
  const qs = [0.1, 0.25, 0.5, 0.75, 0.9];
  for (const mask of [ALL, INNER]) {
    out.push(...percentiles(p.L, mask, qs).map((v) => v / 50));
    out.push(...percentiles(p.A, mask, qs).map((v) => v / 20));
    out.push(...percentiles(p.B, mask, qs).map((v) => v / 20));
    out.push(...percentiles(p.C, mask, qs).map((v) => v / 20));
    out.push(...percentiles(p.S, mask, [0.25, 0.5, 0.75]));
  }
  for (const f of prototypeFractions(p)) out.push(...f);
  out.push(...hueHistogram(p, ALL, 8));
  const white = pixelFlags((i) => p.L[i] > 78 && p.C[i] < 12);
  const dark = pixelFlags((i) => p.L[i] < 25);
  const regions = [ALL, INNER, TOP, MIDDLE, BOTTOM, LEFT, RIGHT, BORDER];
  const whites = regions.map((m) => share(m, white));
  out.push(...whites);
  out.push(...regions.map((m) => share(m, dark)));
  out.push(whites[4] - whites[2], whites[1] - whites[2], Math.max(...whites.slice(1, 7)) - Math.min(...whites.slice(1, 7)));
  // coarse layout: 4x4 grid of mean L, a, b
  const grid: number[] = [];
  for (const m of GRID) {
    grid.push(meanOf(p.L, m));
    out.push(meanOf(p.L, m) / 50, meanOf(p.A, m) / 20, meanOf(p.B, m) / 20);
  }
  // white patchiness (bicolour/van vs a self or an all-white coat): spread of white over the 4x4 grid
  const gw = GRID.map((m) => share(m, white));
  const gd = GRID.map((m) => share(m, dark));
  const gwMean = gw.reduce((a, b) => a + b, 0) / 16;
  const gwStd = Math.sqrt(gw.reduce((a, b) => a + (b - gwMean) ** 2, 0) / 16);
  const gdMean = gd.reduce((a, b) => a + b, 0) / 16;
  const gdStd = Math.sqrt(gd.reduce((a, b) => a + (b - gdMean) ** 2, 0) / 16);
  const whiteCells = gw.filter((v) => v > 0.5).length / 16;
  const colourCells = gw.filter((v) => v < 0.1).length / 16;
  out.push(gwStd * 3, Math.max(...gw) - Math.min(...gw), whiteCells, colourCells, Math.min(whiteCells, colourCells) * 2, whites[0] * (1 - whites[0]) * 4, whites[1] * (1 - whites[1]) * 4, gdStd * 3);
  // colourpoint: pale body, darker face (top), legs/tail (bottom, sides)
  const lInner = meanOf(p.L, INNER);
  const lTop = meanOf(p.L, TOP);
  const lBottom = meanOf(p.L, BOTTOM);
  const lBorder = meanOf(p.L, BORDER);
  const gSorted = [...grid].sort((a, b) => a - b);
  out.push((lInner - lTop) / 30, (lInner - lBottom) / 30, (lInner - Math.min(lTop, lBottom)) / 30, (gSorted[15] - gSorted[0]) / 50, Math.sqrt(variance(p.L, ALL)) / 20, (lInner - lBorder) / 30);
  out.push((meanOf(p.C, INNER) - meanOf(p.C, TOP)) / 10, (meanOf(p.B, INNER) - meanOf(p.B, TOP)) / 10);
  const paleInner = fraction(INNER, (i) => p.L[i] > 65 && p.C[i] < 25);
  const darkTop = fraction(TOP, (i) => p.L[i] < 40);
  const darkBottom = fraction(BOTTOM, (i) => p.L[i] < 40);
  out.push(paleInner, paleInner * darkTop * 4, paleInner * darkBottom * 4);
  // tabby: texture on the coloured (non-white) inner and whole regions
  const coloured = new Uint8Array(G * G);
  for (let i = 0; i < coloured.length; i++) coloured[i] = ALL.mask[i] && !white[i] ? 1 : 0;
  out.push(...texture(p, INNER));
  out.push(...texture(p, region(coloured)));
  out.push(...v3Features(p, gw, white));
  return Float32Array.from(out.map((v) => (Number.isFinite(v) ? v : 0)));
}
