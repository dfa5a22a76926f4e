import { ValidationPipe } from '@nestjs/common';

/** The ValidationPipe every process uses: unknown fields are stripped, bodies typed, errors listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
}
