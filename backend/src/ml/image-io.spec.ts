import sharp from 'sharp';
import { ImageInputError } from './errors';
import { decodeRgb, inspectImage, megapixelsOver, toDisplayJpeg, toThumbnail } from './image-io';

const limits = { maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000 };

function solid(w: number, h: number, rgb: [number, number, number]) {
  return sharp({ create: { width: w, height: h, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
}

// CRC-32 for hand-made PNG chunks
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(b: Buffer): number {
  let c = -1;
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A PNG whose header claims width x height, without any real pixel data (decompression bomb stand-in). */
function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ImageInputError);
    expect((e as Error).message.length).toBeGreaterThan(10);
    return (e as ImageInputError).code;
  }
}

function meanRgb(img: { data: Uint8Array; width: number; height: number }): number[] {
  const s = [0, 0, 0];
  for (let i = 0; i < img.width * img.height; i++) for (let c = 0; c < 3; c++) s[c] += img.data[i * 3 + c];
  return s.map((v) => v / (img.width * img.height));
}

describe('image input validation and decoding', () => {
  let jpeg: Buffer;
  beforeAll(async () => {
    jpeg = await solid(640, 480, [200, 120, 40]).jpeg().toBuffer();
  });

  it('zero bytes -> empty', async () => {
    expect(await codeOf(inspectImage(Buffer.alloc(0), limits))).toBe('empty');
  });
  it('too many bytes -> too_large', async () => {
    expect(await codeOf(inspectImage(jpeg, { ...limits, maxBytes: 100 }))).toBe('too_large');
  });
  it('random bytes -> unsupported_type', async () => {
    const rnd = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    expect(await codeOf(decodeRgb(rnd, 320, limits))).toBe('unsupported_type');
  });
  it('a text file named .jpg -> unsupported_type (validated by content)', async () => {
    expect(await codeOf(decodeRgb(Buffer.from('this is not a photo of a cat\n'.repeat(20)), 320, limits))).toBe('unsupported_type');
  });
  it('an SVG is rejected even though sharp could render it', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(await codeOf(inspectImage(svg, limits))).toBe('unsupported_type');
  });
  it('a truncated JPEG -> corrupt', async () => {
    const big = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#888' } })
      .composite([{ input: await solid(300, 300, [10, 200, 10]).png().toBuffer(), left: 100, top: 100 }])
      .jpeg()
      .toBuffer();
    expect(await codeOf(decodeRgb(big.subarray(0, Math.floor(big.length / 2)), 320, limits))).toBe('corrupt');
  });
  it('a 20000x20000 PNG header -> too_many_pixels, without decoding', async () => {
    const bomb = bombPng(20000, 20000);
    expect(bomb.length).toBeLessThan(100);
    const t0 = Date.now();
    expect(await codeOf(decodeRgb(bomb, 320, limits))).toBe('too_many_pixels');
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it('JPEG: decoded aspect kept (longest side = 320), colour right', async () => {
    const img = await decodeRgb(jpeg, 320, limits);
    expect([img.width, img.height]).toEqual([320, 240]);
    expect(img.data.length).toBe(320 * 240 * 3);
    const [r, g, b] = meanRgb(img);
    expect(Math.abs(r - 200)).toBeLessThan(6);
    expect(Math.abs(g - 120)).toBeLessThan(6);
    expect(Math.abs(b - 40)).toBeLessThan(6);
  });
  it('EXIF orientation is applied', async () => {
    const rotated = await solid(400, 200, [50, 50, 50]).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const img = await decodeRgb(rotated, 320, limits);
    expect([img.width, img.height]).toEqual([160, 320]);
  });
  it('animated GIF -> first frame', async () => {
    const red = await solid(60, 40, [255, 0, 0]).png().toBuffer();
    const blue = await solid(60, 40, [0, 0, 255]).png().toBuffer();
    const gif = await sharp([red, blue], { join: { animated: true } }).gif().toBuffer();
    const info = await inspectImage(gif, limits);
    expect(info.format).toBe('gif');
    expect(info.pages).toBe(2);
    expect(info.height).toBe(40);
    const img = await decodeRgb(gif, 320, limits);
    expect([img.width, img.height]).toEqual([320, 213]);
    const [r, , b] = meanRgb(img);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(50);
  });
  it('CMYK JPEG -> sRGB', async () => {
    const cmyk = await solid(200, 100, [200, 120, 40]).toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const img = await decodeRgb(cmyk, 320, limits);
    const [r, g, b] = meanRgb(img);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });
  it('16-bit PNG -> 8-bit RGB', async () => {
    const png16 = await solid(100, 100, [0, 128, 255]).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe('ushort');
    const img = await decodeRgb(png16, 320, limits);
    expect(img.data.length).toBe(320 * 320 * 3);
    const [r, g, b] = meanRgb(img);
    expect(r).toBeLessThan(5);
    expect(Math.abs(g - 128)).toBeLessThan(5);
    expect(b).toBeGreaterThan(250);
  });
  it('grayscale -> three equal channels', async () => {
    const grey = await sharp(Buffer.alloc(120 * 80, 90), { raw: { width: 120, height: 80, channels: 1 } }).toColourspace('b-w').png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const img = await decodeRgb(grey, 320, limits);
    const [r, g, b] = meanRgb(img);
    expect(Math.abs(r - g) + Math.abs(g - b)).toBeLessThan(1);
  });
  it('transparent PNG -> flattened on neutral grey', async () => {
    const transparent = await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const img = await decodeRgb(transparent, 320, limits);
    const [r, g, b] = meanRgb(img);
    expect(Math.abs(r - 128) + Math.abs(g - 128) + Math.abs(b - 128)).toBeLessThan(6);
  });
  it('WebP, AVIF and TIFF are accepted', async () => {
    for (const make of [(s: sharp.Sharp) => s.webp(), (s: sharp.Sharp) => s.avif(), (s: sharp.Sharp) => s.tiff()]) {
      const bytes = await make(solid(64, 48, [10, 20, 30])).toBuffer();
      const img = await decodeRgb(bytes, 320, limits);
      expect([img.width, img.height]).toEqual([320, 240]);
    }
    expect((await inspectImage(await solid(8, 8, [0, 0, 0]).avif().toBuffer(), limits)).format).toBe('avif');
  });
  it('display copies and thumbnails keep the aspect ratio', async () => {
    const d = await toDisplayJpeg(jpeg, 100, limits);
    expect([d.width, d.height]).toEqual([100, 75]);
    const t = await toThumbnail(jpeg, 64, limits);
    expect((await sharp(t).metadata()).width).toBe(64);
  });
});

describe('megapixelsOver', () => {
  it('shows a size just over the limit as more than it', () => {
    expect(megapixelsOver(10000 * 6001, 60e6)).toBe('60.01');
    expect(megapixelsOver(20000 * 20000, 60e6)).toBe('400');
    expect(megapixelsOver(8000 * 8000, 60e6)).toBe('64');
  });
});
