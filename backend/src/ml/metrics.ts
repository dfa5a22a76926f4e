/** Classification metrics (pure). Abstentions are passed as predicted = null. */

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[truth][predicted], answered cells only */
  matrix: number[][];
}

export interface TraitMetrics {
  n: number;
  answered: number;
  accuracy: number | null;
  balancedAccuracy: number | null;
  macroF1: number | null;
  abstentionRate: number | null;
  ece: number | null;
  baselineAccuracy: number | null;
  confusion: ConfusionMatrix;
}

export interface ScoredCell {
  truth: string;
  predicted: string | null; // null = "not sure"
  /** probability the model gave to its top class (before abstaining) */
  confidence: number;
  /** top class (before abstaining) */
  top: string;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export function confusion(cells: readonly ScoredCell[], labels: readonly string[]): ConfusionMatrix {
  const idx = new Map(labels.map((l, i) => [l, i]));
  const m = labels.map(() => labels.map(() => 0));
  for (const c of cells) {
    if (c.predicted === null) continue;
    const t = idx.get(c.truth);
    const p = idx.get(c.predicted);
    if (t === undefined || p === undefined) throw new Error(`value outside labels: ${c.truth}/${c.predicted}`);
    m[t][p]++;
  }
  return { labels: [...labels], matrix: m };
}

/** Mean recall over the classes present in the truth of the answered cells. */
export function balancedAccuracy(cm: ConfusionMatrix): number | null {
  const recalls: number[] = [];
  cm.matrix.forEach((row, i) => {
    const tot = row.reduce((a, b) => a + b, 0);
    if (tot > 0) recalls.push(row[i] / tot);
  });
  return recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null;
}

/** Mean F1 over the classes that occur in the truth or the predictions. */
export function macroF1(cm: ConfusionMatrix): number | null {
  const K = cm.labels.length;
  const f1s: number[] = [];
  for (let k = 0; k < K; k++) {
    const tp = cm.matrix[k][k];
    const truth = cm.matrix[k].reduce((a, b) => a + b, 0);
    let pred = 0;
    for (let i = 0; i < K; i++) pred += cm.matrix[i][k];
    if (truth === 0 && pred === 0) continue;
    f1s.push(truth + pred === 0 ? 0 : (2 * tp) / (truth + pred));
  }
  return f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null;
}

/** Expected calibration error of the top-class confidence, equal-width bins over [0, 1]. */
export function expectedCalibrationError(cells: readonly ScoredCell[], bins = 10): number | null {
  if (!cells.length) return null;
  const conf = new Array(bins).fill(0);
  const acc = new Array(bins).fill(0);
  const cnt = new Array(bins).fill(0);
  for (const c of cells) {
    const b = Math.min(bins - 1, Math.floor(c.confidence * bins));
    conf[b] += c.confidence;
    acc[b] += c.top === c.truth ? 1 : 0;
    cnt[b]++;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (cnt[b]) e += (cnt[b] / cells.length) * Math.abs(acc[b] / cnt[b] - conf[b] / cnt[b]);
  return e;
}

export function traitMetrics(cells: readonly ScoredCell[], labels: readonly string[]): TraitMetrics {
  const cm = confusion(cells, labels);
  const answered = cells.filter((c) => c.predicted !== null);
  const correct = answered.filter((c) => c.predicted === c.truth).length;
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(c.truth, (counts.get(c.truth) ?? 0) + 1);
  const majority = Math.max(0, ...counts.values());
  const n = cells.length;
  const r = (v: number | null) => (v === null ? null : round(v));
  return {
    n,
    answered: answered.length,
    accuracy: answered.length ? r(correct / answered.length) : null,
    balancedAccuracy: r(balancedAccuracy(cm)),
    macroF1: r(macroF1(cm)),
    abstentionRate: n ? r((n - answered.length) / n) : null,
    ece: r(expectedCalibrationError(cells)),
    baselineAccuracy: n ? r(majority / n) : null,
    confusion: cm,
  };
}

/**
 * Test photos a trait's head answered (not "not sure"), read back from stored metrics (`n` and `abstentionRate`,
 * as `traitMetrics` writes them); null when `n` is missing.
 */
export function answeredOf(m: Record<string, unknown>): number | null {
  if (typeof m.n !== 'number' || !Number.isFinite(m.n) || m.n < 0) return null;
  const abstention = typeof m.abstentionRate === 'number' && Number.isFinite(m.abstentionRate) ? Math.min(1, Math.max(0, m.abstentionRate)) : 0;
  return Math.round(m.n * (1 - abstention));
}
