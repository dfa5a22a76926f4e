import { traitLabel } from '../admin-traits';
import { ConfusionMatrix, ModelDetail } from './models-api';

export { TRAIT_LABELS, TRAIT_ORDER, traitLabel } from '../admin-traits';

export const METRICS: Array<{ key: string; label: string; format: 'percent' | 'number' | 'int'; higherIsBetter: boolean }> = [
  { key: 'accuracy', label: 'Accuracy', format: 'percent', higherIsBetter: true },
  { key: 'balancedAccuracy', label: 'Balanced accuracy', format: 'percent', higherIsBetter: true },
  { key: 'macroF1', label: 'Macro-F1', format: 'number', higherIsBetter: true },
  { key: 'ece', label: 'Calibration error (ECE)', format: 'number', higherIsBetter: false },
  { key: 'abstentionRate', label: '“Not sure” rate', format: 'percent', higherIsBetter: false },
  { key: 'n', label: 'Photos scored', format: 'int', higherIsBetter: true },
];

export function formatMetric(v: unknown, format: 'percent' | 'number' | 'int'): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  if (format === 'percent') return `${(v * 100).toFixed(1)} %`;
  if (format === 'int') return v.toLocaleString('en-GB');
  return v.toFixed(3);
}

/** Difference b − a, formatted with a sign, and whether it is an improvement. */
export function metricDelta(a: unknown, b: unknown, format: 'percent' | 'number' | 'int', higherIsBetter: boolean): { text: string; better: boolean | null } {
  if (typeof a !== 'number' || typeof b !== 'number') return { text: '—', better: null };
  const d = b - a;
  if (Math.abs(d) < 1e-9) return { text: '±0', better: null };
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  const text = format === 'percent' ? `${sign}${(abs * 100).toFixed(1)} pt` : format === 'int' ? `${sign}${abs}` : `${sign}${abs.toFixed(3)}`;
  return { text, better: d > 0 === higherIsBetter };
}

/**
 * The change between two models' metric for one trait, with a verdict only when both rest on enough photos: a
 * model that answered (or, for the "not sure" rate, was tested on) under MIN_ANSWERED photos gives the difference
 * without a thumbs up or down ("0.000 → 0.339" from no answers at all is not "worse").
 */
export function comparedDelta(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
  metric: { key: string; format: 'percent' | 'number' | 'int'; higherIsBetter: boolean },
): { text: string; better: boolean | null; fewAnswers: boolean } {
  const delta = metricDelta(a?.[metric.key], b?.[metric.key], metric.format, metric.higherIsBetter);
  const base = (m: Record<string, unknown> | undefined) => {
    const c = answeredCount(m);
    return c ? (metric.key === 'abstentionRate' ? c.scored : c.answered) : 0;
  };
  const fewAnswers = delta.better !== null && (base(a) < MIN_ANSWERED || base(b) < MIN_ANSWERED);
  if (fewAnswers) return { ...delta, better: null, fewAnswers };
  // a difference of a point or two is what another test split would give: no verdict on it
  const d = Math.abs((b?.[metric.key] as number) - (a?.[metric.key] as number));
  if (delta.better !== null && metric.format !== 'int' && d < MIN_DIFFERENCE) return { ...delta, better: null, fewAnswers: false };
  return { ...delta, fewAnswers };
}

/** The smallest change (2 points, or 0.02) a comparison calls better or worse. */
export const MIN_DIFFERENCE = 0.02;

export interface ConfusionCell {
  predicted: string;
  count: number;
  /** the model answered the true value */
  correct: boolean;
  /** colour-scale step: 0 for no answers, 1–4 by the share of the largest count in the matrix */
  level: 0 | 1 | 2 | 3 | 4;
}

export interface ConfusionGrid {
  /** values in the vocabulary's order, the same for rows (true value) and columns (answer) */
  values: string[];
  rows: Array<{ truth: string; cells: ConfusionCell[] }>;
  /** the largest count, the top of the colour scale */
  max: number;
}

/**
 * A confusion matrix as people read it: one row per true value, top to bottom, and one column per answer, left to
 * right, in the same order, so correct answers run down the diagonal from the top left. Values that are neither
 * in the test set nor ever answered are left out; yes/no traits read "yes" / "no".
 */
export function confusionGrid(cm: ConfusionMatrix | undefined): ConfusionGrid | null {
  if (!cm?.labels?.length || !cm.matrix?.length) return null;
  const label = (v: string) => (v === 'true' ? 'yes' : v === 'false' ? 'no' : v);
  const count = (t: number, p: number) => cm.matrix[t]?.[p] ?? 0;
  const used = cm.labels.map((_, i) => cm.matrix[i]?.some((x) => x > 0) || cm.matrix.some((row) => (row[i] ?? 0) > 0));
  const idx = cm.labels.map((_, i) => i).filter((i) => used[i]);
  if (!idx.length) return null;
  const max = Math.max(...idx.flatMap((t) => idx.map((p) => count(t, p))));
  const level = (n: number): ConfusionCell['level'] => (n <= 0 ? 0 : (Math.min(4, Math.max(1, Math.ceil((n / max) * 4))) as ConfusionCell['level']));
  return {
    values: idx.map((i) => label(cm.labels[i])),
    rows: idx.map((t) => ({
      truth: label(cm.labels[t]),
      cells: idx.map((p) => ({ predicted: label(cm.labels[p]), count: count(t, p), correct: t === p, level: level(count(t, p)) })),
    })),
    max,
  };
}

/**
 * What a model cannot answer, one line per trait: the values in order ("lilac, cinnamon, fawn"), or the whole
 * trait when it has no head for it (not in `answers`). Empty when it knows every value (or the registry could not
 * read its file).
 */
export function unlearntLines(model: Pick<ModelDetail, 'unlearnt' | 'answers'> | null | undefined): Array<{ trait: string; text: string }> {
  const unlearnt = model?.unlearnt;
  if (!unlearnt) return [];
  const values = (['colour', 'pattern'] as const).flatMap((t) => {
    const values: string[] = unlearnt[t] ?? [];
    if (!values.length) return [];
    return [{ trait: t as string, text: model.answers?.includes(t) === false ? 'not trained at all' : values.join(', ') }];
  });
  // the yes/no traits have no values to miss: only the whole trait can be missing
  const traits = (['is_cat', 'is_tabby', 'is_pointed'] as const)
    .filter((t) => model.answers && !model.answers.includes(t))
    .map((t) => ({ trait: t as string, text: 'not trained at all' }));
  return [...values, ...traits];
}

/** Below this many answered test photos, a trait's accuracy is not evidence enough to call one model worse. */
export const MIN_ANSWERED = 20;

/** How many of a trait's scored test photos the model answered (the rest were "not sure"); null when unknown. */
export function answeredCount(m: Record<string, unknown> | undefined): { answered: number; scored: number } | null {
  const n = m?.['n'];
  if (typeof n !== 'number' || n <= 0) return null;
  const abstention = typeof m?.['abstentionRate'] === 'number' ? (m['abstentionRate'] as number) : 0;
  return { answered: Math.round(n * (1 - abstention)), scored: n };
}

/**
 * For the models list: "1 of 6 answered" under an accuracy that rests on few answers (under MIN_ANSWERED, or
 * under three quarters of the test photos), so 100 % from one photo does not look like the best model; else null.
 */
export function answeredNote(m: Record<string, unknown> | undefined): string | null {
  const c = answeredCount(m);
  if (!c || (c.answered >= MIN_ANSWERED && c.answered >= 0.75 * c.scored)) return null;
  return `${c.answered} of ${c.scored} answered`;
}

/** "A", "A and B", "A, B and C". */
function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One metric over the traits that have it (e.g. accuracy), each trait weighted by the test photos it answered, so a
 * trait answered once (0 % or 100 %) does not move the figure as much as one answered sixty times; a plain mean when
 * the traits do not say how many they answered. Null when none has the metric or nothing was answered.
 */
export function meanMetric(metrics: Record<string, Record<string, unknown>> | null | undefined, key: string): number | null {
  const rows = Object.values(metrics ?? {}).filter((x) => typeof x[key] === 'number');
  if (!rows.length) return null;
  const counts = rows.map((x) => answeredCount(x)?.answered ?? null);
  if (counts.every((c) => c !== null)) {
    const total = counts.reduce((a, c) => a! + c!, 0)!;
    return total ? rows.reduce((a, x, i) => a + (x[key] as number) * counts[i]!, 0) / total : null;
  }
  return rows.reduce((a, x) => a + (x[key] as number), 0) / rows.length;
}

/**
 * What an admin should know before activating `candidate` in place of `active`: a model without the is-cat head
 * gives every photo (a dog's too) a coat result; traits the active model answers and the candidate does not will
 * read "not sure"; a trait where it scores lower (only where both answered enough test photos to tell); a trait
 * where it says "not sure" on most test photos; metrics from a handful of test photos say little. Empty when
 * nothing stands out.
 */
export function activationWarnings(candidate: ModelDetail, active: ModelDetail | null, minTestPhotos = 30): string[] {
  const out: string[] = [];
  const answers = candidate.answers;
  if (answers) {
    if (!answers.includes('is_cat')) out.push('It does not check whether a photo shows a cat: every photo, a dog’s too, will get a coat result.');
    const lost = (active && active.id !== candidate.id ? (active.answers ?? []) : []).filter((t) => t !== 'is_cat' && !answers.includes(t));
    if (lost.length) {
      const names = lost.map(traitLabel);
      const list = andList(names);
      out.push(`It does not answer ${list}, which “${active!.name}” answers: ${lost.length === 1 ? 'that trait' : 'those traits'} will read “not sure”.`);
    }
  }
  // worse than the active model on a trait both answer (balanced accuracy, else accuracy; ≥ 1 point), where both
  // answered enough test photos for the scores to mean something
  const enough = (d: ModelDetail, t: string) => (answeredCount(d.metrics?.[t])?.answered ?? MIN_ANSWERED) >= MIN_ANSWERED;
  if (active && active.id !== candidate.id) {
    const score = (d: ModelDetail, t: string): number | null => {
      const m = d.metrics?.[t];
      const v = m?.['balancedAccuracy'] ?? m?.['accuracy'];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
    const worse = Object.keys(candidate.metrics ?? {})
      .filter((t) => !candidate.answers || candidate.answers.includes(t as never))
      .flatMap((t) => {
        const [c, a] = [score(candidate, t), score(active, t)];
        if (!enough(candidate, t) || !enough(active, t)) return [];
        return c !== null && a !== null && a - c >= 0.01 ? [`${traitLabel(t)} (${formatMetric(c, 'percent')} against ${formatMetric(a, 'percent')})`] : [];
      });
    if (worse.length) {
      const list = andList(worse);
      out.push(`It scores lower than “${active.name}” on ${list} (balanced accuracy on each model's own test photos).`);
    }
  }
  const mostlyUnsure = Object.entries(candidate.metrics ?? {}).flatMap(([t, m]) => {
    const c = answeredCount(m);
    return c && c.answered < c.scored / 2 ? [`${traitLabel(t)} (${c.scored - c.answered} of ${c.scored})`] : [];
  });
  if (mostlyUnsure.length) {
    const list = andList(mostlyUnsure);
    out.push(`It answered “not sure” on most test photos for ${list}: its accuracy there rests on the few it answered.`);
  }
  const tested = Object.values(candidate.metrics ?? {})
    .map((m) => m['n'])
    .filter((n): n is number => typeof n === 'number' && n > 0);
  const fewest = tested.length ? Math.min(...tested) : null;
  if (fewest !== null && fewest < minTestPhotos) {
    out.push(`Its test metrics come from as few as ${fewest} photo${fewest === 1 ? '' : 's'} per trait, so they say little about how it will do.`);
  }
  return out;
}

/** Where a model's metrics come from, in the words its details use. */
export interface MetricsSource {
  heading: string;
  meanLabel: string;
  /** one sentence on how the numbers were measured */
  note: string;
}

/**
 * A trained model is scored on a test split it never saw; the bundled starter has no test split, so its metrics are
 * 5-fold cross-validation on the photos it was trained on (`npm run ml:starter`). Saying which keeps an admin from
 * comparing the two as if they were measured the same way.
 */
export function metricsSource(d: Pick<ModelDetail, 'isStarter' | 'datasetSummary'>): MetricsSource {
  const s = d.datasetSummary ?? {};
  if (d.isStarter) {
    const n = s.samples ?? s.total;
    return {
      heading: 'Cross-validated metrics per trait',
      meanLabel: 'Cross-validated accuracy over all answers',
      note:
        `Measured by 5-fold cross-validation on the ${typeof n === 'number' ? n.toLocaleString('en-GB') + ' ' : ''}` +
        'Oxford-IIIT Pet photos it was trained on: each photo was scored by a model trained without it.',
    };
  }
  return {
    heading: 'Test metrics per trait',
    meanLabel: 'Test accuracy over all answers',
    note:
      `Measured on ${typeof s.test === 'number' ? 'the ' + s.test.toLocaleString('en-GB') + ' test photos' : 'test photos'} ` +
      'set aside before training: the model never saw them.',
  };
}
