import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { ValidateBy, ValidationError, ValidationOptions } from 'class-validator';

/** The ValidationPipe every process uses: unknown fields are refused, bodies typed, errors listed readably. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(validationMessages(errors)),
  });
}

/** Type checks: when one fails, the field's other checks (length, range, …) say nothing useful. */
const TYPE_CHECKS = ['isString', 'isBoolean', 'isInt', 'isNumber', 'isArray', 'isObject', 'isMongoId', 'isIn', 'isCalendarDate'];

/**
 * One message per problem, for a person: a missing field says it is required (not that it is too long and not a
 * string), a value of the wrong type says only that, nested fields are named by their path (filter.colour …).
 */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      const messages = Object.values(e.constraints);
      let picked: string[];
      const typeCheck = TYPE_CHECKS.find((k) => k in e.constraints!);
      if (e.value === undefined || e.value === null) {
        const required = messages.find((m) => /required/i.test(m));
        picked = [required ?? (typeCheck ? `${e.property} is required: ${e.constraints[typeCheck]}` : `${e.property} is required`)];
      } else picked = typeCheck ? [e.constraints[typeCheck]] : messages;
      out.push(...picked.map((m) => (parent ? `${parent}.${m}` : m)));
    }
    if (e.children?.length) out.push(...validationMessages(e.children, path));
  }
  return [...new Set(out)];
}

/** The highest page a list accepts: far past any real page, and it keeps the database's skip finite. */
export const MAX_PAGE = 100_000;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * True for a real calendar day written YYYY-MM-DD, optionally followed by a time (2026-01-31T12:00:00Z).
 * ISO 8601 also allows week dates (2026-W01-1) and the basic form (20260131), which `new Date()` cannot read;
 * 2026-02-30 passes a pattern check but is no day at all. All three are refused.
 */
export function isCalendarDate(value: unknown, allowTime = true): boolean {
  if (typeof value !== 'string') return false;
  const m = CALENDAR_DATE.exec(value);
  if (!m || (!allowTime && value.length > 10)) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && !Number.isNaN(new Date(value).getTime());
}

/** class-validator decorator for `isCalendarDate`. */
export function IsCalendarDate(options: { allowTime?: boolean } & ValidationOptions = {}): PropertyDecorator {
  const { allowTime = true, ...validationOptions } = options;
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: (v) => isCalendarDate(v, allowTime) } }, validationOptions);
}
