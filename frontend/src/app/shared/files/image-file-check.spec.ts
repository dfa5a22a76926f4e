import { MAX_IMAGE_BYTES, checkImageFile, formatBytes, sniffImageType } from './image-file-check';

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0];
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

function file(bytes: number[], name = 'cat.jpg', type = 'image/jpeg') {
  return new File([new Uint8Array(bytes)], name, { type });
}

describe('image file check', () => {
  it('sniffs formats by their first bytes', () => {
    expect(sniffImageType(new Uint8Array(JPEG))).toBe('jpeg');
    expect(sniffImageType(new Uint8Array(PNG))).toBe('png');
    expect(sniffImageType(new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')]))).toBe('webp');
    expect(sniffImageType(new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypheic')]))).toBe('heic');
    expect(sniffImageType(new Uint8Array(ascii('%PDF-1.7')))).toBe('unknown');
  });

  it('accepts a real JPEG', async () => {
    expect(await checkImageFile(file(JPEG))).toBeNull();
  });

  it('rejects a renamed PDF even when it claims to be an image', async () => {
    expect(await checkImageFile(file(ascii('%PDF-1.7 ...'), 'cat.jpg', 'image/jpeg'))).toContain('does not look like a photo');
  });

  it('rejects non-image types, empty and too-large files with readable reasons', async () => {
    expect(await checkImageFile(file(ascii('hello'), 'notes.txt', 'text/plain'))).toContain('not a photo');
    expect(await checkImageFile(file([], 'empty.jpg'))).toContain('empty');
    const big = file(JPEG);
    Object.defineProperty(big, 'size', { value: MAX_IMAGE_BYTES + 1 });
    expect(await checkImageFile(big)).toContain('too large');
  });

  it('formats sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15 MB');
  });
});
