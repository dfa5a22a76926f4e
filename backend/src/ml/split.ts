/** Seeded randomness and stratified splits (pure). */

/** mulberry32: small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Splits item indices so each stratum (key) is represented in both parts in proportion `share`.
 * Strata with one item go to training. Deterministic for a given seed.
 */
export function stratifiedSplit(keys: readonly string[], share: number, seed = 1): { train: number[]; validation: number[] } {
  if (share < 0 || share >= 1) throw new Error('share must be in [0, 1)');
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const g = groups.get(k) ?? [];
    g.push(i);
    groups.set(k, g);
  });
  const rand = seededRandom(seed);
  const train: number[] = [];
  const validation: number[] = [];
  for (const k of [...groups.keys()].sort()) {
    const idx = shuffled(groups.get(k)!, rand);
    const nVal = idx.length < 2 ? 0 : Math.min(idx.length - 1, Math.round(idx.length * share));
    validation.push(...idx.slice(0, nVal));
    train.push(...idx.slice(nVal));
  }
  return { train: train.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b) };
}

/** Assigns each item a fold in 0..k-1, round-robin within each stratum after a seeded shuffle. */
export function stratifiedFolds(keys: readonly string[], k: number, seed = 1): number[] {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const g = groups.get(key) ?? [];
    g.push(i);
    groups.set(key, g);
  });
  const rand = seededRandom(seed);
  const fold = new Array<number>(keys.length).fill(0);
  let offset = 0;
  for (const key of [...groups.keys()].sort()) {
    shuffled(groups.get(key)!, rand).forEach((idx, j) => (fold[idx] = (j + offset) % k));
    offset += groups.get(key)!.length;
  }
  return fold;
}
