import { decodeNestedArrays, encodeNestedArrays } from './nested-arrays';

describe('nested arrays for FerretDB', () => {
  it('wraps arrays of arrays and gets the same value back', () => {
    const metrics = { colour: { accuracy: 0.9, confusion: { labels: ['a', 'b'], matrix: [[1, 2], [3, 4]] }, bins: [1, 2] } };
    const stored = encodeNestedArrays(metrics) as any;
    expect(JSON.stringify(stored)).not.toMatch(/\[\[/);
    expect(stored.colour.bins).toEqual([1, 2]);
    expect(decodeNestedArrays(stored)).toEqual(metrics);
  });

  it('handles deeper nesting and leaves plain values alone', () => {
    const v = { m: [[[1], [2]], [[3]]], d: null, s: 'x' };
    expect(decodeNestedArrays(encodeNestedArrays(v))).toEqual(v);
    expect(encodeNestedArrays(5)).toBe(5);
  });
});
