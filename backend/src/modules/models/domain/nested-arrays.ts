/**
 * FerretDB v1 cannot store arrays of arrays (a confusion matrix is one). Stored documents wrap every array
 * that contains arrays as `{ $rows: [{ r: [...] }, ...] }`; reading unwraps them again. Pure and reversible.
 */
const ROWS = '__rows';

export function encodeNestedArrays(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(encodeNestedArrays);
    if (v.some((x) => Array.isArray(x))) return { [ROWS]: items.map((r) => ({ r })) };
    return items;
  }
  if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, encodeNestedArrays(x)]));
  }
  return v;
}

export function decodeNestedArrays(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeNestedArrays);
  if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === ROWS && Array.isArray(o[ROWS])) {
      return (o[ROWS] as Array<{ r: unknown }>).map((row) => decodeNestedArrays(row.r));
    }
    return Object.fromEntries(keys.map((k) => [k, decodeNestedArrays(o[k])]));
  }
  return v;
}
