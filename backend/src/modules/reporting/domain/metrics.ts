/** Reading model metrics (ml/evaluate output stored on the model) defensively: only finite numbers pass. */
import type { TraitTestMetric } from '../../../contracts/reports';
import { answeredOf } from '../../../ml/metrics';

export function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export type { TraitTestMetric };

/**
 * `metrics` is `{ <trait>: { accuracy, balancedAccuracy, macroF1, ... } }` (or `{ traits: {...} }`).
 * Unknown shapes give no rows rather than an error: the report shows "no test metrics".
 */
export function traitTestMetrics(metrics: unknown): TraitTestMetric[] {
  if (!metrics || typeof metrics !== 'object') return [];
  const root = metrics as Record<string, unknown>;
  const traits = root.traits && typeof root.traits === 'object' ? (root.traits as Record<string, unknown>) : root;
  const out: TraitTestMetric[] = [];
  for (const [trait, m] of Object.entries(traits)) {
    if (!m || typeof m !== 'object' || trait.length > 20) continue;
    const r = m as Record<string, unknown>;
    const scored = finiteOrNull(r.n);
    const row = {
      trait,
      accuracy: finiteOrNull(r.accuracy),
      balancedAccuracy: finiteOrNull(r.balancedAccuracy ?? r.balanced_accuracy),
      macroF1: finiteOrNull(r.macroF1 ?? r.macro_f1),
      scored: scored !== null && scored >= 0 ? Math.round(scored) : null,
      answered: answeredOf(r),
    };
    if (row.accuracy !== null || row.balancedAccuracy !== null || row.macroF1 !== null) out.push(row);
  }
  return out.sort((a, b) => a.trait.localeCompare(b.trait));
}

/**
 * The model's test accuracy from its per-trait ones (the "test accuracy" an acceptance rate is compared with): right
 * answers over all answered photos when every trait says how many it answered, else the plain mean of the traits.
 */
export function meanAccuracy(rows: TraitTestMetric[]): number | null {
  const m = weightedAccuracy(rows);
  return m === null ? null : Math.round(m * 1e4) / 1e4;
}

function weightedAccuracy(rows: TraitTestMetric[]): number | null {
  const withAccuracy = rows.filter((r) => r.accuracy !== null);
  if (withAccuracy.length && withAccuracy.every((r) => r.answered !== null)) {
    const answered = withAccuracy.reduce((a, r) => a + r.answered!, 0);
    return answered ? withAccuracy.reduce((a, r) => a + r.accuracy! * r.answered!, 0) / answered : null;
  }
  const xs = withAccuracy.map((r) => r.accuracy!);
  return xs.length ? xs.reduce((a, c) => a + c, 0) / xs.length : null;
}
