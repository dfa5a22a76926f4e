/** Client-side checks before uploading a photo. The server checks again by content; this just saves a trip. */

export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;

export type SniffedImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic' | 'unknown';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Recognises common image formats from their first bytes (magic numbers). */
export function sniffImageType(bytes: Uint8Array): SniffedImageType {
  const at = (i: number, ...sig: number[]) => sig.every((b, k) => bytes[i + k] === b);
  const ascii = (i: number, s: string) => at(i, ...Array.from(s, (c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(4, 'ftyp')) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heim', 'heis'].includes(brand)) return 'heic';
  }
  return 'unknown';
}

async function readHead(file: Blob, n: number): Promise<Uint8Array> {
  const part = file.slice(0, n);
  if (typeof part.arrayBuffer === 'function') return new Uint8Array(await part.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(part);
  });
}

/**
 * Returns a readable reason why this file cannot be analysed, or null when it looks like a usable photo.
 * Checks: not empty, at most `maxBytes`, and a JPEG / PNG / WebP / GIF / AVIF by content.
 */
export async function checkImageFile(file: File, maxBytes = MAX_IMAGE_BYTES): Promise<string | null> {
  if (file.size === 0) return `"${file.name}" is empty. Please choose another photo.`;
  if (file.size > maxBytes) {
    return `"${file.name}" is ${formatBytes(file.size)}, which is too large. The limit is ${formatBytes(maxBytes)} — please choose a smaller photo.`;
  }
  if (file.type && !file.type.startsWith('image/')) {
    return `"${file.name}" is not a photo. Please choose an image file (JPEG, PNG or WebP).`;
  }
  let kind: SniffedImageType;
  try {
    kind = sniffImageType(await readHead(file, 32));
  } catch {
    return `"${file.name}" could not be read. Please choose the photo again.`;
  }
  if (kind === 'heic') {
    return `"${file.name}" is a HEIC photo, which we cannot read yet. Please export it as JPEG (on iPhone: Settings → Camera → Formats → Most Compatible).`;
  }
  if (kind === 'unknown') {
    return `"${file.name}" does not look like a photo we can read. Please use a JPEG, PNG or WebP image.`;
  }
  return null;
}
