import { EpochPoint } from './training-api';

export interface LineSeries {
  name: string;
  series: Array<{ name: number; value: number }>;
}

/** Traits that have epochs, in the order they were trained. */
export function epochTraits(epochs: readonly EpochPoint[]): string[] {
  const out: string[] = [];
  for (const e of epochs) {
    const t = e.trait ?? 'all';
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** ngx-charts line series for one trait: training and validation curves of `loss` or `accuracy`. */
export function epochSeries(epochs: readonly EpochPoint[], trait: string, metric: 'loss' | 'accuracy'): LineSeries[] {
  const mine = epochs.filter((e) => (e.trait ?? 'all') === trait);
  const train: LineSeries = { name: metric === 'loss' ? 'Training loss' : 'Training accuracy', series: [] };
  const val: LineSeries = { name: metric === 'loss' ? 'Validation loss' : 'Validation accuracy', series: [] };
  for (const e of mine) {
    train.series.push({ name: e.epoch, value: metric === 'loss' ? e.loss : e.accuracy });
    const v = metric === 'loss' ? e.valLoss : e.valAccuracy;
    if (v !== null && v !== undefined) val.series.push({ name: e.epoch, value: v });
  }
  return [train, val].filter((s) => s.series.length > 0);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function runDurationSeconds(startedAt: string | null, finishedAt: string | null, now = Date.now()): number | null {
  if (!startedAt) return null;
  return ((finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt)) / 1000;
}
