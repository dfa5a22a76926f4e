import sharp from 'sharp';

/**
 * A small JPEG of a base colour with seeded noise: a stand-in "coat" for uploads and training journeys. The
 * seed makes every file's content (and SHA-256) different; `spread` is the noise amplitude around the colour.
 */
export async function tintedJpeg(
  rgb: [number, number, number],
  seed: number,
  { width = 160, height = width, spread = 61 }: { width?: number; height?: number; spread?: number } = {},
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  const half = Math.floor(spread / 2);
  let s = seed * 7919 + 17;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = Math.max(0, Math.min(255, rgb[i % 3] + ((s >> 8) % spread) - half));
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}
