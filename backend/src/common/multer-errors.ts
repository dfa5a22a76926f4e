import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';

/** What an upload route says when a limit of its own is hit (the rest is the same for every upload route). */
export interface UploadMessages {
  /** LIMIT_FILE_SIZE */
  tooLarge: string;
  /** LIMIT_FILE_COUNT */
  tooManyFiles: string;
  /** the multipart field(s) the route reads, e.g. '"image" (one photo)' */
  expectedField: string;
}

/**
 * Maps multer's and busboy's errors (limits, unexpected fields, a body that is not multipart, a cut-off upload)
 * to readable 4xx responses; null for anything else (a server-side failure, e.g. a full disk).
 */
export function mapMulterError(err: unknown, messages: UploadMessages): HttpException | null {
  const e = err as { code?: string; field?: string; message?: string };
  switch (e?.code) {
    case 'LIMIT_FILE_SIZE':
      return new PayloadTooLargeException(messages.tooLarge);
    case 'LIMIT_FILE_COUNT':
      return new BadRequestException(messages.tooManyFiles);
    case 'LIMIT_UNEXPECTED_FILE':
      return new BadRequestException(`Unexpected file field "${e.field}": send the upload as the multipart field ${messages.expectedField}.`);
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_VALUE':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_PART_COUNT':
      return new BadRequestException('The upload has too many or too large form fields; send only the file field.');
    default:
      if (/Multipart|boundary|Unexpected end of form|Malformed part header/i.test(e?.message ?? '')) {
        return new BadRequestException('The upload was cut off or is not a valid file upload (multipart/form-data); please try again.');
      }
      return null;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${Math.round((n / 1024 / 1024 / 1024) * 10) / 10} GB`;
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
