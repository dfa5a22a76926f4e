import { ValidationError } from 'class-validator';
import { isCalendarDate, validationMessages } from './validation';

describe('isCalendarDate', () => {
  it.each(['2026-01-31', '2024-02-29', '2026-01-31T12:00', '2026-01-31T12:00:00Z', '2026-01-31T12:00:00.123+02:00'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-W01-1', '2026-W01', '20261126', '2026-1-5', '', 'yesterday'])('refuses %s', (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });
  it('refuses a time where only a day is allowed, and anything not a string', () => {
    expect(isCalendarDate('2026-01-31T12:00:00Z', false)).toBe(false);
    expect(isCalendarDate('2026-01-31', false)).toBe(true);
    expect(isCalendarDate(20260131)).toBe(false);
  });
});

describe('validationMessages', () => {
  const error = (property: string, value: unknown, constraints: Record<string, string>, children: ValidationError[] = []): ValidationError =>
    Object.assign(new ValidationError(), { property, value, constraints, children });

  it('a missing field says it is required (with its type), not its length limit', () => {
    expect(validationMessages([error('username', undefined, { maxLength: 'username must be at most 64', isString: 'username must be a string' })])).toEqual([
      'username is required: username must be a string',
    ]);
    expect(validationMessages([error('q', undefined, { isNotEmpty: 'q (what to search for) is required', maxLength: 'q is too long' })])).toEqual(['q (what to search for) is required']);
  });

  it('a value of the wrong type says only that; other problems are all listed', () => {
    expect(validationMessages([error('ids', 'abc', { isArray: 'ids must be a list', arrayNotEmpty: 'ids is empty', isMongoId: 'each id …' })])).toEqual(['ids must be a list']);
    expect(validationMessages([error('page', 0, { min: 'page must be 1 or more', max: 'page must be at most 9' })])).toEqual(['page must be 1 or more', 'page must be at most 9']);
  });

  it('names nested fields by their path', () => {
    const nested = error('filter', {}, undefined as never, [error('colour', 'purple', { isIn: 'colour must be one of black, blue' })]);
    expect(validationMessages([nested])).toEqual(['filter.colour must be one of black, blue']);
  });
});
