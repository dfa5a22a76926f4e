/**
 * Synthetic training photos for coat values that are rare in the labelled data: recoloured copies for rare colours
 * and mirrored copies for the minority values of colour, pattern and colourpoint.
 *
 * Genetics makes some colours deterministic transforms of others: the brown allele turns black pigment into
 * chocolate (b) or cinnamon (b^l), and dilution turns black into blue, chocolate into lilac, cinnamon into fawn and
 * red into cream. A British Shorthair breeder's colours are mostly these "derived" ones (lilac, cream, chocolate…)
 * while photos of them are scarce, so the training set gets recoloured copies of photos of the source colour: the
 * coat pixels of the cat box are moved in CIE Lab from the source colour to the target colour, keeping the photo's
 * lighting, shading and texture (the deviations from the coat's own mean are kept). White patches stay white.
 *
 * Mirrored copies: a value with fewer than half the photos of its trait's most common value (a bicolour, a
 * colourpoint, a blue cat…) gets a left-right mirrored copy of each photo for that trait's head — a cat's coat is
 * the same in a mirror, its features are not quite.
 *
 * Synthetic copies are training material only: they never enter a validation split, a cross-validation test fold
 * or a metric (see train.ts and cross-validate.ts).
 */
import type { Box } from './detector';
import type { RgbImage } from './image-io';
import { fLab, LIN } from './colour-space';
import { seededRandom, shuffled } from './split';
import type { Colour, PhenotypeLabel, TraitName } from './vocabulary';

export const AUGMENT_VERSION = 'aug-v1';

type Lab = [number, number, number];

/** Nominal coat colours in Lab (the handcrafted prototypes' values). */
const COAT: Partial<Record<Colour, Lab>> = {
  black: [8, 0, 0],
  blue: [62, -1, -5],
  chocolate: [30, 10, 18],
  lilac: [72, 5, 3], // dove grey with a pink-beige cast
  cinnamon: [45, 14, 26],
  fawn: [65, 8, 14],
  red: [55, 28, 48],
  cream: [82, 5, 17],
};

/** A synthetic copy: the coat recoloured from one colour to a genetic neighbour, or the photo mirrored. */
export type Augmentation = { kind: 'recolour'; from: Colour; to: Colour } | { kind: 'mirror' };

export function augmentationId(a: Augmentation): string {
  return a.kind === 'mirror' ? `${AUGMENT_VERSION}:mirror` : `${AUGMENT_VERSION}:${a.from}>${a.to}`;
}

/** Feature-cache version of a copy's vector: the extractor's version + the augmentation (one vector per photo and kind). */
export function copyFeatureVersion(featureVersion: string, a: Augmentation): string {
  return `${featureVersion}+${augmentationId(a)}`;
}

/** The genetic neighbour each rare colour is synthesised from (brown allele or dilution of a common colour). */
export const RECOLOUR_SOURCES: Partial<Record<Colour, Colour>> = {
  chocolate: 'black',
  cinnamon: 'black',
  lilac: 'blue',
  fawn: 'blue',
  cream: 'red',
};

export interface AugmentPlanOptions {
  /** a rare colour is topped up with recoloured copies to this many photos */
  target?: number;
  /** mirrored copies are made for values with fewer than this share of the trait's most common value… */
  minorityShare?: number;
  /** …and at most this many per value */
  maxMirrored?: number;
  seed?: number;
}

export const DEFAULT_AUGMENT_PLAN: Required<AugmentPlanOptions> = { target: 20, minorityShare: 0.5, maxMirrored: 250, seed: 1 };

/**
 * Coat traits whose heads get mirrored copies of their minority values. Not tabby: mirrored tabbies cost the tabby
 * head 0.012–0.018 of accuracy on the dev sets (RESULTS.md).
 */
const MIRRORED_TRAITS: TraitName[] = ['colour', 'pattern', 'is_pointed'];

export interface PlannedCopy {
  /** index of the source row */
  source: number;
  augmentation: Augmentation;
  /** the head the copy trains */
  trait: TraitName;
  /** the source's label (with the new colour for a recoloured copy) */
  label: PhenotypeLabel;
}

/**
 * Which synthetic copies to make for a labelled set: a colour with at least one but fewer than `target` real
 * photos is topped up to `target` with recoloured photos of its genetic neighbour (distinct sources while they
 * last; the neighbour needs 3+ real photos). A colour with no real photo at all is not synthesised: on the dev sets
 * that cost 6 points of colour accuracy (RESULTS.md), and nothing could show whether the copies look like the real
 * colour. Then the mirrored copies (planMirrors). Deterministic for a seed.
 */
export function planAugmentation(labels: readonly PhenotypeLabel[], opts: AugmentPlanOptions = {}): PlannedCopy[] {
  const o = { ...DEFAULT_AUGMENT_PLAN, ...opts };
  const ofColour = (c: Colour) => labels.flatMap((l, i) => (l.is_cat === true && l.colour === c ? [i] : []));
  const out: PlannedCopy[] = [];
  (Object.keys(RECOLOUR_SOURCES) as Colour[]).forEach((to, salt) => {
    const real = ofColour(to).length;
    const from = RECOLOUR_SOURCES[to]!;
    const pool = ofColour(from);
    if (real === 0 || real >= o.target || pool.length < 3) return;
    const order = shuffled(pool, seededRandom(o.seed * 7919 + salt + 1));
    for (let k = 0; k < o.target - real; k++) {
      const i = order[k % order.length];
      out.push({ source: i, augmentation: { kind: 'recolour', from, to }, trait: 'colour', label: { ...labels[i], colour: to } });
    }
  });
  return [...out, ...planMirrors(labels, o)];
}

/** A planned copy's photo and augmentation: one feature pass, however many heads the copy trains. */
export function copyKey(c: PlannedCopy): string {
  return `${c.source}|${augmentationId(c.augmentation)}`;
}

/** Copies per kind, e.g. { "colour cream (recoloured from red)": 18, "pattern bicolour (mirrored)": 26 }. */
export function planSummary(plan: readonly PlannedCopy[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of plan) {
    const a = c.augmentation;
    const key = a.kind === 'mirror' ? `${c.trait} ${String(c.label[c.trait])} (mirrored)` : `${c.trait} ${a.to} (recoloured from ${a.from})`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/**
 * Mirrored copies for the minority values of each coat trait: values with 3+ real photos (fewer is too little to
 * learn from, mirrored or not) but fewer than `minorityShare` of the trait's most common value. Measured on the dev
 * sets: colour, pattern and pointed all gained (RESULTS.md).
 */
function planMirrors(labels: readonly PhenotypeLabel[], o: Required<AugmentPlanOptions>): PlannedCopy[] {
  const out: PlannedCopy[] = [];
  MIRRORED_TRAITS.forEach((trait, salt) => {
    const byValue = new Map<string, number[]>();
    labels.forEach((l, i) => {
      const v = l[trait];
      if (l.is_cat !== true || v === null || v === undefined) return;
      const rows = byValue.get(String(v));
      if (rows) rows.push(i);
      else byValue.set(String(v), [i]);
    });
    const most = Math.max(0, ...[...byValue.values()].map((v) => v.length));
    for (const [, rows] of [...byValue].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (rows.length < 3 || rows.length >= o.minorityShare * most) continue;
      const chosen = rows.length > o.maxMirrored ? shuffled(rows, seededRandom(o.seed * 104729 + salt)).slice(0, o.maxMirrored) : rows;
      for (const i of chosen) out.push({ source: i, augmentation: { kind: 'mirror' }, trait, label: labels[i] });
    }
  });
  return out;
}

// ---------------------------------------------------------------- pixels

function toLab(r8: number, g8: number, b8: number, out: Float32Array, i: number): void {
  const r = LIN[r8];
  const g = LIN[g8];
  const b = LIN[b8];
  const fx = fLab((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const fy = fLab(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const fz = fLab((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  out[i] = 116 * fy - 16;
  out[i + 1] = 500 * (fx - fy);
  out[i + 2] = 200 * (fy - fz);
}

const fInv = (t: number) => (t > 0.206893 ? t * t * t : (t - 16 / 116) / 7.787);
const gamma = (c: number) => {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(v * 255)));
};

function fromLab(L: number, A: number, B: number, out: Uint8Array, i: number): void {
  const fy = (L + 16) / 116;
  const X = fInv(fy + A / 500) * 0.95047;
  const Y = fInv(fy);
  const Z = fInv(fy - B / 200) * 1.08883;
  out[i] = gamma(3.2406 * X - 1.5372 * Y - 0.4986 * Z);
  out[i + 1] = gamma(-0.9689 * X + 1.8758 * Y + 0.0415 * Z);
  out[i + 2] = gamma(0.0557 * X - 0.204 * Y + 1.057 * Z);
}

const isWhite = (L: number, A: number, B: number) => L > 78 && Math.hypot(A, B) < 14;

interface Coat {
  lab: Float32Array;
  /** per pixel: how much it belongs to the coat (0..1) */
  weight: Float32Array;
  mean: Lab;
}

/**
 * The coat of the cat in `box`: its median Lab over the central ellipse (white patches left out), and a soft
 * per-pixel membership (close in colour to that median, inside the box, fading over a margin around it).
 */
function findCoat(img: RgbImage, box: Box): Coat {
  const { width: W, height: H, data } = img;
  const lab = new Float32Array(W * H * 3);
  for (let p = 0, i = 0; p < W * H; p++, i += 3) toLab(data[i], data[i + 1], data[i + 2], lab, i);
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const rx = Math.max(1, (box.x1 - box.x0) * 0.4);
  const ry = Math.max(1, (box.y1 - box.y0) * 0.4);
  const Ls: number[] = [];
  const As: number[] = [];
  const Bs: number[] = [];
  for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(H, Math.ceil(box.y1)); y++)
    for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(W, Math.ceil(box.x1)); x++) {
      const dx = (x + 0.5 - cx) / rx;
      const dy = (y + 0.5 - cy) / ry;
      if (dx * dx + dy * dy > 1) continue;
      const i = (y * W + x) * 3;
      if (isWhite(lab[i], lab[i + 1], lab[i + 2])) continue;
      Ls.push(lab[i]);
      As.push(lab[i + 1]);
      Bs.push(lab[i + 2]);
    }
  const mean: Lab = Ls.length ? [median(Ls), median(As), median(Bs)] : [50, 0, 0];
  // spread of the coat around its median: the membership radius
  const d: number[] = Ls.map((L, k) => Math.hypot(L - mean[0], As[k] - mean[1], Bs[k] - mean[2]));
  const tau = Math.max(12, Math.min(24, 1.25 * (d.length ? median(d) : 12)));
  const weight = new Float32Array(W * H);
  const mx = (box.x1 - box.x0) * 0.08 + 1;
  const my = (box.y1 - box.y0) * 0.08 + 1;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const ox = Math.max(0, box.x0 - (x + 0.5), x + 0.5 - box.x1);
      const oy = Math.max(0, box.y0 - (y + 0.5), y + 0.5 - box.y1);
      const spatial = Math.max(0, 1 - Math.max(ox / mx, oy / my));
      if (spatial <= 0) continue;
      const i = (y * W + x) * 3;
      if (isWhite(lab[i], lab[i + 1], lab[i + 2])) continue;
      const dist = Math.hypot(lab[i] - mean[0], lab[i + 1] - mean[1], lab[i + 2] - mean[2]);
      const colour = dist <= tau ? 1 : dist >= 2 * tau ? 0 : 1 - (dist - tau) / tau;
      weight[y * W + x] = spatial * colour;
    }
  return { lab, weight, mean };
}

function median(v: number[]): number {
  const s = Float64Array.from(v).sort();
  return s.length ? s[s.length >> 1] : 0;
}

/** The photo with the coat of the cat in `box` changed as the augmentation says (a new image; the input is kept). */
export function augmentImage(img: RgbImage, box: Box, a: Augmentation): RgbImage {
  if (a.kind === 'mirror') return mirror(img);
  const coat = findCoat(img, box);
  const out = new Uint8Array(img.data);
  const { lab, weight, mean } = coat;
  const s = COAT[a.from];
  const t = COAT[a.to];
  if (!s || !t) throw new Error(`no recolouring from ${a.from} to ${a.to}`);
  // target coat mean: the photo's own coat mean moved by the genetic difference (keeps the light's colour cast)
  const sC = Math.hypot(s[1], s[2]);
  const tC = Math.hypot(t[1], t[2]);
  const chromatic = sC > 20; // red -> cream: scale and turn the chroma; greys and black: shift it
  const scale = chromatic ? tC / sC : 1;
  const turn = chromatic ? Math.atan2(t[2], t[1]) - Math.atan2(s[2], s[1]) : 0;
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  const tL = Math.max(0, Math.min(100, mean[0] + t[0] - s[0]));
  // the shading keeps about its spread, narrowed as the new mean nears white
  const lSpread = Math.max(0.6, Math.min(1.8, (100 - tL) / Math.max(1, 100 - mean[0]) + (tL - mean[0]) / 100));
  for (let p = 0; p < weight.length; p++) {
    const w = weight[p];
    if (w <= 0) continue;
    const i = p * 3;
    const L = tL + (lab[i] - mean[0]) * lSpread;
    let A: number;
    let B: number;
    if (chromatic) {
      A = (lab[i + 1] * cos - lab[i + 2] * sin) * scale;
      B = (lab[i + 1] * sin + lab[i + 2] * cos) * scale;
    } else {
      A = lab[i + 1] + t[1] - s[1];
      B = lab[i + 2] + t[2] - s[2];
    }
    fromLab(lab[i] + w * (L - lab[i]), lab[i + 1] + w * (A - lab[i + 1]), lab[i + 2] + w * (B - lab[i + 2]), out, i);
  }
  return { data: out, width: img.width, height: img.height };
}

/** The photo mirrored left to right. */
export function mirror(img: RgbImage): RgbImage {
  const { width: W, height: H, data } = img;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const s = (y * W + x) * 3;
      const t = (y * W + (W - 1 - x)) * 3;
      out[t] = data[s];
      out[t + 1] = data[s + 1];
      out[t + 2] = data[s + 2];
    }
  return { data: out, width: W, height: H };
}
