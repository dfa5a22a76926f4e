/** Pure date rules of the warehouse: days are UTC calendar days written YYYY-MM-DD. */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day in YYYY-MM-DD form (rejects 2025-02-30, 2025-13-01, "yesterday"). */
export function isValidDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function utcDay(date: Date = new Date()): string {
  return date.toISOString().slice(0, 10);
}

export interface DateParts {
  dateKey: string;
  year: number;
  quarter: number;
  month: number;
  day: number;
  isoWeek: number;
  isoWeekday: number;
}

/** The attributes of a dim_date row. */
export function dateParts(day: string): DateParts {
  if (!isValidDay(day)) throw new Error(`Not a calendar day: ${day}`);
  const d = new Date(`${day}T00:00:00Z`);
  const isoWeekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  // ISO week: the week with the year's first Thursday is week 1.
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() + 4 - isoWeekday);
  const yearStart = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  const isoWeek = Math.ceil(((thursday.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  const month = d.getUTCMonth() + 1;
  return { dateKey: day, year: d.getUTCFullYear(), quarter: Math.ceil(month / 3), month, day: d.getUTCDate(), isoWeek, isoWeekday };
}

export interface DayRange {
  from: string | null;
  to: string | null;
}

/**
 * Checks an optional from/to pair; returns the problems in words (empty = fine).
 * Both ends are inclusive.
 */
export function rangeProblems(from: string | undefined, to: string | undefined): string[] {
  const problems: string[] = [];
  if (from !== undefined && !isValidDay(from)) problems.push(`from must be a date written YYYY-MM-DD, like 2025-01-31 (got "${from}")`);
  if (to !== undefined && !isValidDay(to)) problems.push(`to must be a date written YYYY-MM-DD, like 2025-01-31 (got "${to}")`);
  if (!problems.length && from && to && from > to) problems.push(`from (${from}) is after to (${to}); swap them or widen the range`);
  return problems;
}
