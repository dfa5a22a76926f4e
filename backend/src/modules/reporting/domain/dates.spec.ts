import { dateParts, isValidDay, rangeProblems } from './dates';

describe('reporting dates', () => {
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2025-02-29')).toBe(false);
    expect(isValidDay('2025-13-01')).toBe(false);
    expect(isValidDay('2025-1-01')).toBe(false);
    expect(isValidDay('today')).toBe(false);
  });

  it('gives the dim_date attributes (ISO week across a year boundary)', () => {
    expect(dateParts('2025-01-01')).toEqual({ dateKey: '2025-01-01', year: 2025, quarter: 1, month: 1, day: 1, isoWeek: 1, isoWeekday: 3 });
    expect(dateParts('2021-01-03')).toMatchObject({ isoWeek: 53, isoWeekday: 7 });
    expect(dateParts('2025-12-29')).toMatchObject({ isoWeek: 1, quarter: 4 });
  });

  it('explains every problem of a range in words', () => {
    expect(rangeProblems(undefined, undefined)).toEqual([]);
    expect(rangeProblems('2025-01-01', '2025-01-01')).toEqual([]);
    expect(rangeProblems('2025-02-01', '2025-01-01')).toEqual(['from (2025-02-01) is after to (2025-01-01); swap them or widen the range']);
    expect(rangeProblems('x', '2025-02-30')).toHaveLength(2);
  });
});
