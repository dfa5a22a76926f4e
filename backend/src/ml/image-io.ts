/**
 * Image input/output with sharp: validation by content, EXIF rotation, the one decode used by the model,
 * display copies and thumbnails. Every failure is an ImageInputError with a code the API maps to a 4xx.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ImageInputError } from './errors';

/** Formats accepted by content (sharp's names; 'heif' is accepted only when it is AVIF). */
export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}
export const DEFAULT_LIMITS: ImageLimits = { maxBytes: 30 * 1024 * 1024, maxPixels: 50_000_000 };

export interface ImageInfo {
  format: AcceptedFormat;
  width: number;
  height: number;
  pages: number;
  hasAlpha: boolean;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Turns a sharp/libvips error into the typed error the API understands. */
export function mapSharpError(err: unknown): ImageInputError {
  if (err instanceof ImageInputError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(msg)) {
    return new ImageInputError('too_many_pixels', 'The image has too many pixels to process; upload a smaller photo.');
  }
  if (/unsupported image format|Input buffer is empty|bad seek|not a known file format/i.test(msg)) {
    return new ImageInputError('unsupported_type', 'This file is not an image in a supported format (JPEG, PNG, WebP, AVIF, GIF, TIFF).');
  }
  return new ImageInputError('corrupt', `The image could not be decoded (it may be truncated or damaged): ${msg.split('\n')[0]}`);
}

function sharpFor(bytes: Buffer, maxPixels: number): sharp.Sharp {
  // failOn 'truncated': a cut-off upload is rejected, harmless encoder warnings are tolerated.
  // pages 1: an animated GIF/WebP uses its first frame.
  return sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated', pages: 1, sequentialRead: true });
}

/** Validates the bytes by their content (header only: nothing is decoded). */
export async function inspectImage(bytes: Buffer, limits: ImageLimits = DEFAULT_LIMITS): Promise<ImageInfo> {
  if (!bytes || bytes.length === 0) throw new ImageInputError('empty', 'The file is empty.');
  if (bytes.length > limits.maxBytes) {
    throw new ImageInputError('too_large', `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MB.`);
  }
  let meta: sharp.Metadata;
  try {
    // no pixel limit here: we read the header and report the size ourselves
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw mapSharpError(err);
  }
  let format = meta.format as string | undefined;
  if (format === 'heif') format = meta.compression === 'av1' ? 'avif' : 'heic';
  if (format === 'jpg') format = 'jpeg';
  if (!format || !(ACCEPTED_FORMATS as readonly string[]).includes(format)) {
    throw new ImageInputError('unsupported_type', `Images of type ${format ?? 'unknown'} are not accepted; use JPEG, PNG, WebP, AVIF, GIF or TIFF.`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight && (meta.pages ?? 1) > 1 ? meta.pageHeight : (meta.height ?? 0);
  if (width <= 0 || height <= 0) throw new ImageInputError('corrupt', 'The image has no pixels.');
  if (width * height > limits.maxPixels) {
    throw new ImageInputError(
      'too_many_pixels',
      `The image is ${width}x${height} (${megapixelsOver(width * height, limits.maxPixels)} megapixels); the limit is ${(limits.maxPixels / 1e6).toFixed(0)} megapixels. Resize it (for example to 4000 pixels on its longer side) and try again.`,
    );
  }
  return { format: format as AcceptedFormat, width, height, pages: meta.pages ?? 1, hasAlpha: !!meta.hasAlpha };
}

export interface RgbImage {
  /** packed RGB, 8 bits per channel, row-major */
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * The single decode used by the model: EXIF-rotated, first frame, transparency flattened on neutral grey,
 * any colour space / bit depth converted to 8-bit sRGB, aspect kept (longest side = `side`, never stretched).
 * JPEG shrink-on-load makes this cheap even for 3000x2000 photos.
 */
export async function decodeRgb(bytes: Buffer, side: number, limits: ImageLimits = DEFAULT_LIMITS): Promise<RgbImage> {
  await inspectImage(bytes, limits);
  try {
    const { data, info } = await sharpFor(bytes, limits.maxPixels)
      .rotate()
      .resize(side, side, { fit: 'inside', kernel: 'linear' })
      .flatten({ background: { r: 128, g: 128, b: 128 } })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { data: toRgb(data, info.channels, info.width * info.height), width: info.width, height: info.height };
  } catch (err) {
    throw mapSharpError(err);
  }
}

function toRgb(data: Buffer, channels: number, n: number): Uint8Array {
  if (channels === 3) return new Uint8Array(data.buffer, data.byteOffset, n * 3);
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const g = data[i * channels];
    out[i * 3] = g;
    out[i * 3 + 1] = channels >= 3 ? data[i * channels + 1] : g;
    out[i * 3 + 2] = channels >= 3 ? data[i * channels + 2] : g;
  }
  return out;
}

/** A JPEG for display: EXIF-rotated, aspect kept, longest side at most maxSide. */
export async function toDisplayJpeg(bytes: Buffer, maxSide: number, limits: ImageLimits = DEFAULT_LIMITS): Promise<{ bytes: Buffer; width: number; height: number }> {
  await inspectImage(bytes, limits);
  try {
    const { data, info } = await sharpFor(bytes, limits.maxPixels)
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: 85, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch (err) {
    throw mapSharpError(err);
  }
}

/** A small JPEG thumbnail (aspect kept, longest side = size). */
export async function toThumbnail(bytes: Buffer, size = 256, limits: ImageLimits = DEFAULT_LIMITS): Promise<Buffer> {
  return (await toDisplayJpeg(bytes, size, limits)).bytes;
}

/** Megapixels with as many decimals as it takes to read as more than the limit (60.01, not "60" against 60). */
export function megapixelsOver(pixels: number, limit: number): string {
  let decimals = 0;
  while (decimals < 3 && Number((pixels / 1e6).toFixed(decimals)) <= limit / 1e6) decimals++;
  return (pixels / 1e6).toFixed(decimals);
}
