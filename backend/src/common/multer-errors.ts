import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';

/** Maps multer's errors (limits, unexpected fields) to readable 4xx responses. */
export function mapMulterError(err: unknown, maxBytes: number): HttpException | null {
  const e = err as { code?: string; field?: string };
  switch (e?.code) {
    case 'LIMIT_FILE_SIZE':
      return new PayloadTooLargeException(`The file is too large: the limit is ${formatBytes(maxBytes)}.`);
    case 'LIMIT_FILE_COUNT':
      return new BadRequestException('Too many files in one request.');
    case 'LIMIT_UNEXPECTED_FILE':
      return new BadRequestException(`Unexpected file field "${e.field}".`);
    default:
      return null;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${Math.round((n / 1024 / 1024 / 1024) * 10) / 10} GB`;
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
