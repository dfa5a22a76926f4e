/** Pure data shaping for the dashboard charts (ngx-charts `results` and `customColors`). */

export interface ChartPoint {
  name: string;
  value: number;
}
export interface ChartGroup {
  name: string;
  series: ChartPoint[];
}
/** One entry of ngx-charts' `customColors`: the bar or series called `name` is drawn in `value`. */
export interface CustomColour {
  name: string;
  value: string;
}

/** Mid grey for values without a colour of their own ('other', 'unknown'). */
export const NEUTRAL = '#9e9e9e';
export const NO_DATA_SUFFIX = ' (no data)';

/** A value the chart may draw: a finite number. null/undefined/NaN mean "not measured", never 0. */
export function isPresent(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * One group of a grouped bar chart. Missing values are left out (no bar, no "0" label);
 * a group with nothing to draw says "(no data)" in its name, so its empty slot is not read as 0.
 */
export function barGroup(name: string, points: ReadonlyArray<{ name: string; value: number | null | undefined }>): ChartGroup {
  const series = points.filter((p): p is ChartPoint => isPresent(p.value)).map((p) => ({ name: p.name, value: p.value }));
  return { name: series.length || !points.length ? name : name + NO_DATA_SUFFIX, series };
}

/**
 * Fixed colour per series name. ngx-charts otherwise colours series by order of first appearance,
 * which shifts as soon as a missing value is left out of the first group.
 */
export function seriesColours(colours: Readonly<Record<string, string>>): CustomColour[] {
  return Object.entries(colours).map(([name, value]) => ({ name, value }));
}

/**
 * Bar colours for the balance chart: grouped by coat colour, each bar is drawn in that coat's swatch
 * (neutral grey when the value has none, e.g. 'other'); grouped by any other trait, all bars share one colour.
 */
export function balanceColours(
  trait: string,
  names: readonly string[],
  swatchOf: (value: string) => string | null | undefined,
  single: string,
): CustomColour[] {
  return names.map((name) => ({ name, value: trait === 'colour' ? swatchOf(name) || NEUTRAL : single }));
}
