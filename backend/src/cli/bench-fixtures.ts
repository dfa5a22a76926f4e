/** Synthetic documents the benchmarks bulk-insert with the raw driver (bench only; the measured work runs through the services). */
import { EMPTY_LABEL, PhenotypeLabel } from '../ml/vocabulary';

/** A training_images document with every field the schema has; `blobId` points nowhere unless given. */
export function syntheticTrainingImage(fields: {
  sha256: string;
  source: 'zip' | 'upload' | 'web-search' | 'prediction-review';
  at: Date;
  label?: PhenotypeLabel;
  isLabelled?: boolean;
  width?: number;
  height?: number;
  blobId?: string;
  ownsBlobs?: boolean;
}) {
  return {
    sha256: fields.sha256,
    blobId: fields.blobId ?? '000000000000000000000000',
    thumbBlobId: null,
    ownsBlobs: fields.ownsBlobs ?? false,
    width: fields.width ?? 1,
    height: fields.height ?? 1,
    format: 'jpeg',
    source: fields.source,
    label: { ...(fields.label ?? EMPTY_LABEL) },
    isLabelled: fields.isLabelled ?? false,
    labelledBy: null,
    labelledAt: null,
    originalName: null,
    web: null,
    predictionId: null,
    createdBy: 'bench',
    createdAt: fields.at,
    updatedAt: fields.at,
  };
}
