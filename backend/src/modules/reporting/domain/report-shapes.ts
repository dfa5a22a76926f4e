import { COLOURS, PATTERNS } from '../../../ml';

/** part / whole rounded to 4 decimals; null when there is nothing to divide (never NaN). */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/**
 * Every colour × pattern cell with its image count (zeros included), thinnest first:
 * the combinations the training set needs more of.
 */
export function thinnestCells(rows: Array<{ colour: string; pattern: string; count: number }>): Array<{ colour: string; pattern: string; count: number }> {
  const counts = new Map(rows.map((r) => [`${r.colour}|${r.pattern}`, r.count]));
  const cells: Array<{ colour: string; pattern: string; count: number }> = [];
  for (const colour of COLOURS) for (const pattern of PATTERNS) cells.push({ colour, pattern, count: counts.get(`${colour}|${pattern}`) ?? 0 });
  const order = (c: string) => COLOURS.indexOf(c as (typeof COLOURS)[number]);
  return cells.sort((a, b) => a.count - b.count || order(a.colour) - order(b.colour) || PATTERNS.indexOf(a.pattern as never) - PATTERNS.indexOf(b.pattern as never));
}
