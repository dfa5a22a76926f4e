import sharp from 'sharp';

/** Generated test images (tests never depend on ../shared data). */
export async function solidJpeg(width: number, height: number, rgb: [number, number, number] = [90, 90, 110]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A noisy JPEG so every call yields different content (distinct SHA-256). */
export async function noisyJpeg(width = 320, height = 240, seed = Math.random()): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let s = Math.floor(seed * 2 ** 31) || 1;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = s & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

export async function pngWithAlpha(width = 200, height = 150): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 200, g: 120, b: 40, alpha: 0.5 } } }).png().toBuffer();
}
