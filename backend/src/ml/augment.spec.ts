import { augmentationId, augmentImage, mirror, planAugmentation, planSummary, type PlannedCopy } from './augment';
import { fLab, LIN } from './colour-space';
import type { RgbImage } from './image-io';
import { EMPTY_LABEL, type Colour, type PhenotypeLabel } from './vocabulary';

const cat = (colour: Colour, extra: Partial<PhenotypeLabel> = {}): PhenotypeLabel => ({ ...EMPTY_LABEL, is_cat: true, colour, pattern: 'self', is_tabby: false, ...extra });

describe('planAugmentation', () => {
  const labels: PhenotypeLabel[] = [
    ...Array.from({ length: 10 }, (_, i) => cat('black', { is_tabby: i % 2 === 0 })),
    ...Array.from({ length: 8 }, () => cat('red')),
    cat('chocolate'),
    cat('cream'),
    cat('cream'),
    cat('blue'),
    cat('blue'), // blue: too few to recolour from, and lilac/fawn have no real photo anyway
    { ...EMPTY_LABEL, is_cat: false },
  ];

  const recoloured = (plan: PlannedCopy[]) => plan.filter((c) => c.augmentation.kind === 'recolour');

  it('tops rare colours up to the target from their genetic neighbour, keeping the other traits', () => {
    const plan = recoloured(planAugmentation(labels, { target: 6, seed: 1 }));
    const per = (to: Colour) => plan.filter((c) => c.augmentation.kind === 'recolour' && c.augmentation.to === to);
    expect(per('chocolate')).toHaveLength(5); // 1 real + 5 copies of black photos
    expect(per('cream')).toHaveLength(4); // 2 real + 4 copies of red photos
    for (const c of per('chocolate')) {
      expect(c.augmentation).toEqual({ kind: 'recolour', from: 'black', to: 'chocolate' });
      expect(c.trait).toBe('colour');
      expect(labels[c.source].colour).toBe('black');
      expect(c.label).toEqual({ ...labels[c.source], colour: 'chocolate' });
    }
    expect(new Set(per('chocolate').map((c) => c.source)).size).toBe(5); // distinct sources while they last
    expect(augmentationId(per('cream')[0].augmentation)).toMatch(/^aug-v\d+:red>cream$/);
  });

  it('never invents a colour with no real photo, nor recolours from fewer than 3 photos; deterministic', () => {
    const plan = recoloured(planAugmentation(labels, { target: 6, seed: 1 }));
    expect(plan.some((c) => c.augmentation.kind === 'recolour' && ['lilac', 'fawn', 'cinnamon'].includes(c.augmentation.to))).toBe(false);
    expect(recoloured(planAugmentation(labels, { target: 6, seed: 1 }))).toEqual(plan);
    expect(recoloured(planAugmentation(labels, { target: 6, seed: 2 })).map((c) => c.source)).not.toEqual(plan.map((c) => c.source));
    expect(recoloured(planAugmentation(labels, { target: 2 }))).toHaveLength(1); // only chocolate (1 real) is below 2
    expect(planAugmentation([cat('chocolate'), cat('black'), cat('black')])).toEqual([]);
    expect(planAugmentation([])).toEqual([]);
  });

  it('uses a source more than once only when there are fewer sources than copies', () => {
    const few = [cat('cream'), cat('red'), cat('red'), cat('red')];
    const plan = recoloured(planAugmentation(few, { target: 8 }));
    expect(plan).toHaveLength(7);
    expect(new Set(plan.map((c) => c.source))).toEqual(new Set([1, 2, 3]));
  });
});

function lab(img: RgbImage, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * 3;
  const r = LIN[img.data[i]];
  const g = LIN[img.data[i + 1]];
  const b = LIN[img.data[i + 2]];
  const fx = fLab((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const fy = fLab(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const fz = fLab((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** A 120x100 photo: green background, a cat box (20..100, 10..90) of noisy coat colour with a white bib. */
function photo(coat: [number, number, number]): RgbImage {
  const W = 120;
  const H = 100;
  const data = new Uint8Array(W * H * 3);
  let s = 7;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const n = ((s >> 8) % 15) - 7;
      const inBox = x >= 20 && x < 100 && y >= 10 && y < 90;
      const bib = inBox && x >= 50 && x < 70 && y >= 70;
      const c: [number, number, number] = !inBox ? [40, 140, 60] : bib ? [245, 245, 243] : coat;
      const i = (y * W + x) * 3;
      for (let k = 0; k < 3; k++) data[i + k] = Math.max(0, Math.min(255, c[k] + (inBox && !bib ? n : 0)));
    }
  return { data, width: W, height: H };
}

const box = { x0: 20, y0: 10, x1: 100, y1: 90 };
const mean = (img: RgbImage, pts: [number, number][]) =>
  [0, 1, 2].map((k) => pts.reduce((a, [x, y]) => a + lab(img, x, y)[k], 0) / pts.length) as [number, number, number];
const coatPts: [number, number][] = [];
for (let y = 20; y < 65; y += 3) for (let x = 30; x < 90; x += 3) coatPts.push([x, y]);

describe('planAugmentation: mirrored copies of minority values', () => {
  // pattern: 12 self, 4 bicolour, 2 van; pointed: 14 false, 4 true; tabby: 9 false / 9 true
  const labels: PhenotypeLabel[] = [
    ...Array.from({ length: 12 }, (_, i) => cat('black', { is_pointed: false, is_tabby: i % 2 === 0 })),
    ...Array.from({ length: 4 }, (_, i) => cat('black', { pattern: 'bicolour', is_pointed: false, is_tabby: i % 2 === 0 })),
    cat('black', { pattern: 'van', is_pointed: false, is_tabby: false }),
    cat('black', { pattern: 'van', is_pointed: null, is_tabby: true }),
    ...Array.from({ length: 4 }, () => cat('black', { pattern: null, is_pointed: true, is_tabby: null })),
    { ...EMPTY_LABEL, is_cat: false },
  ];
  const mirrored = planAugmentation(labels).filter((c) => c.augmentation.kind === 'mirror');

  it('mirrors each photo of a value under half the most common one, for that trait, with its own label', () => {
    const of = (trait: string) => mirrored.filter((c) => c.trait === trait);
    expect(of('pattern').map((c) => c.source)).toEqual([12, 13, 14, 15]); // the bicolours
    expect(of('is_pointed').map((c) => c.source)).toEqual([18, 19, 20, 21]);
    for (const c of mirrored) expect(c.label).toEqual(labels[c.source]);
    expect(augmentationId(mirrored[0].augmentation)).toMatch(/^aug-v\d+:mirror$/);
  });

  it('leaves out values with fewer than 3 photos (van), tabby, non-cats; caps the copies', () => {
    expect(mirrored.some((c) => c.label.pattern === 'van' && c.trait === 'pattern')).toBe(false);
    expect(mirrored.some((c) => c.trait === 'is_tabby' || c.trait === 'colour')).toBe(false);
    expect(mirrored.some((c) => c.label.is_cat !== true)).toBe(false);
    expect(planAugmentation(labels, { maxMirrored: 2 }).filter((c) => c.trait === 'pattern')).toHaveLength(2);
    expect(planAugmentation(labels, { minorityShare: 0.2 }).filter((c) => c.augmentation.kind === 'mirror')).toEqual([]);
    expect(planSummary(planAugmentation(labels))).toEqual({ 'pattern bicolour (mirrored)': 4, 'is_pointed true (mirrored)': 4 });
    // tabby is never mirrored, even as a minority (3 tabbies against 15)
    const fewTabbies = labels.map((l, i) => (l.is_tabby === true && i > 5 ? { ...l, is_tabby: false } : l));
    expect(planAugmentation(fewTabbies).some((c) => c.trait === 'is_tabby')).toBe(false);
  });
});

describe('augmentImage', () => {
  it('mirrors a photo left to right', () => {
    const img = { data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), width: 2, height: 2 };
    expect(Array.from(mirror(img).data)).toEqual([4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9]);
    expect(augmentImage(img, { x0: 0, y0: 0, x1: 2, y1: 2 }, { kind: 'mirror' })).toEqual(mirror(img));
  });

  it('turns a black coat chocolate: lighter and warmer; the white bib, the background and the input are kept', () => {
    const img = photo([22, 22, 24]);
    const before = Buffer.from(img.data);
    const out = augmentImage(img, box, { kind: 'recolour', from: 'black', to: 'chocolate' });
    expect(Buffer.from(img.data).equals(before)).toBe(true);
    const [L0, a0, b0] = mean(img, coatPts);
    const [L1, a1, b1] = mean(out, coatPts);
    expect(L1 - L0).toBeGreaterThan(12);
    expect(a1 - a0).toBeGreaterThan(6);
    expect(b1 - b0).toBeGreaterThan(10);
    expect(lab(out, 60, 80)[0]).toBeGreaterThan(90); // bib still white
    expect(Math.hypot(lab(out, 60, 80)[1], lab(out, 60, 80)[2])).toBeLessThan(5);
    for (const [x, y] of [[2, 2], [115, 95], [5, 50]] as const) expect(lab(out, x, y)).toEqual(lab(img, x, y));
  });

  it('dilutes red to cream: much lighter, less saturated, the same warm hue family', () => {
    const img = photo([200, 110, 45]);
    const out = augmentImage(img, box, { kind: 'recolour', from: 'red', to: 'cream' });
    const [L0, a0, b0] = mean(img, coatPts);
    const [L1, a1, b1] = mean(out, coatPts);
    expect(L1 - L0).toBeGreaterThan(15);
    expect(Math.hypot(a1, b1)).toBeLessThan(0.6 * Math.hypot(a0, b0));
    expect(b1).toBeGreaterThan(a1); // yellowish buff, not pink
    expect(a1).toBeGreaterThan(0);
  });

  it('keeps the shading of the coat (darker fur stays darker)', () => {
    const img = photo([22, 22, 24]);
    for (let y = 10; y < 90; y++) for (let x = 20; x < 40; x++) img.data.fill(10, (y * 120 + x) * 3, (y * 120 + x) * 3 + 3);
    const out = augmentImage(img, box, { kind: 'recolour', from: 'black', to: 'chocolate' });
    expect(lab(out, 25, 40)[0]).toBeLessThan(lab(out, 70, 40)[0]);
  });

  it('copes with degenerate images and boxes (1x1, a strip, a box outside the image, a box of white only)', () => {
    const a = { kind: 'recolour', from: 'black', to: 'chocolate' } as const;
    const one = augmentImage({ data: new Uint8Array([20, 20, 20]), width: 1, height: 1 }, { x0: 0, y0: 0, x1: 1, y1: 1 }, a);
    expect(one.width * one.height).toBe(1);
    const strip = { data: new Uint8Array(300 * 2 * 3).fill(30), width: 300, height: 2 };
    expect(augmentImage(strip, { x0: 0, y0: 0, x1: 300, y1: 2 }, a).data.length).toBe(strip.data.length);
    const img = photo([22, 22, 24]);
    expect(augmentImage(img, { x0: 500, y0: 500, x1: 600, y1: 600 }, a).data).toEqual(img.data); // nothing of the image in the box
    const white = photo([250, 250, 250]);
    const out = augmentImage(white, box, a);
    expect(lab(out, 60, 40)[0]).toBeGreaterThan(90); // no coat colour to move: white stays white
  });

  it('refuses a pair it has no colours for', () => {
    expect(() => augmentImage(photo([200, 200, 200]), box, { kind: 'recolour', from: 'white', to: 'cream' })).toThrow(/no recolouring/);
  });
});
