/**
 * The one filter language of the training-images table, used by the list, bulk label and delete endpoints
 * alike (so "all N matching this filter" means the same records everywhere), and its MongoDB query.
 */
import type { ImageSource } from '../../../contracts/training-images';
import { Colour, Pattern } from '../../../ml/vocabulary';

export const IMAGE_SOURCES = ['zip', 'upload', 'web-search', 'prediction-review'] as const satisfies readonly ImageSource[];
export type { ImageSource };

/** undefined = any; null = unknown (the trait is not labelled). */
export interface ImageFilter {
  labelled?: boolean;
  source?: ImageSource;
  is_cat?: boolean | null;
  colour?: Colour | null;
  pattern?: Pattern | null;
  is_tabby?: boolean | null;
  is_pointed?: boolean | null;
  /** createdAt >= from */
  from?: Date;
  /** createdAt <= to (a date without a time means the whole day) */
  to?: Date;
}

export function filterToQuery(f: ImageFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.labelled !== undefined) q.isLabelled = f.labelled;
  if (f.source !== undefined) q.source = f.source;
  for (const t of ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'] as const) {
    if (f[t] !== undefined) q[`label.${t}`] = f[t];
  }
  if (f.from || f.to) {
    const range: Record<string, Date> = {};
    if (f.from) range.$gte = f.from;
    if (f.to) range.$lte = f.to;
    q.createdAt = range;
  }
  return q;
}

/** Parses a tri-state query value: 'true' | 'false' | 'unknown' (or null) → true | false | null. */
export function parseTriState(v: unknown): boolean | null | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === null || v === 'unknown' || v === 'null') return null;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return undefined;
}

export function parseEnumOrUnknown<T extends string>(v: unknown): T | null | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === null || v === 'unknown' || v === 'null') return null;
  return v as T;
}

/** `to` given as a plain date (YYYY-MM-DD) includes that whole day. */
export function parseDateBound(v: unknown, end: boolean): Date | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = String(v);
  const d = new Date(s);
  if (end && /^\d{4}-\d{2}-\d{2}$/.test(s)) d.setUTCHours(23, 59, 59, 999);
  return d;
}
