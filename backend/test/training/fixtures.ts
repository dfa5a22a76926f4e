import sharp from 'sharp';
import { PhenotypeLabel } from '../../src/ml';
import { TrainingImagesService } from '../../src/modules/images/training-images.service';

/** Base colours per coat colour: different enough that tiny heads can tell them apart. */
export const BASE: Record<string, [number, number, number]> = {
  black: [25, 25, 28],
  blue: [120, 130, 150],
  red: [200, 110, 40],
  cream: [230, 205, 160],
  white: [240, 240, 240],
};

/** A JPEG of a base colour with seeded noise (distinct SHA-256 per seed). */
export async function tintedJpeg(rgb: [number, number, number], seed: number, size = 96): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = Math.max(0, Math.min(255, rgb[i % 3] + ((s >> 8) % 41) - 20));
  }
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

/** Imports `perColour` labelled images for each colour through the images module's service. */
export async function importLabelled(
  images: TrainingImagesService,
  colours: string[],
  perColour: number,
  seedBase: number,
  userId = 'test',
): Promise<string[]> {
  const ids: string[] = [];
  for (const colour of colours) {
    for (let i = 0; i < perColour; i++) {
      const bytes = await tintedJpeg(BASE[colour], seedBase + i * 31 + colour.length * 1000 + colour.charCodeAt(0));
      const label: Partial<PhenotypeLabel> = { is_cat: true, colour: colour as PhenotypeLabel['colour'] };
      const r = await images.importImage(bytes, { source: 'upload', originalName: `${colour}-${i}.jpg`, label, userId });
      ids.push(r.id);
    }
  }
  return ids;
}
