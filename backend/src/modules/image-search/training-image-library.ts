/**
 * What this module needs from the training-image library (modules/images, TrainingImagesService).
 * The module binds the token to the real service; unit tests bind a typed fake.
 */
import type { PhenotypeLabel } from '../../ml/vocabulary';

export const TRAINING_IMAGE_LIBRARY = Symbol('TRAINING_IMAGE_LIBRARY');

export interface WebImageMeta {
  provider: string;
  url: string;
  sourcePage: string | null;
  thumbnailUrl: string | null;
  licence: string;
  attribution: string | null;
}

export interface TrainingImageLibrary {
  importImage(
    bytes: Buffer,
    meta: { source: 'web-search'; originalName?: string; label?: Partial<PhenotypeLabel>; userId: string; web?: WebImageMeta },
  ): Promise<{ outcome: 'imported' | 'duplicate'; id: string }>;
  findImportedUrls(urls: string[]): Promise<Set<string>>;
}
