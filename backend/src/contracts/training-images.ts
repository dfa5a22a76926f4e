/** `/api/admin/training-images…` — the training-data studio. */
import type { CoatColour, CoatPattern, PhenotypeLabel, TraitName } from './phenotype';

export type ImageSource = 'zip' | 'upload' | 'web-search' | 'prediction-review';

/** Where a web-search import came from (licence and attribution travel with the image). */
export interface WebOrigin {
  provider: string | null;
  url: string;
  sourcePage: string | null;
  thumbnailUrl: string | null;
  licence: string | null;
  attribution: string | null;
}

/** `GET /api/admin/training-images` item. */
export interface TrainingImageView {
  id: string;
  label: PhenotypeLabel;
  isLabelled: boolean;
  source: ImageSource;
  thumbnailUrl: string;
  imageUrl: string;
  width: number;
  height: number;
  format: string;
  sha256: string;
  originalName: string | null;
  labelledBy: string | null;
  labelledAt: string | null;
  createdBy: string | null;
  createdAt: string;
  web: WebOrigin | null;
  predictionId: string | null;
}

/** `GET /api/admin/training-images?page=&pageSize=&…filters` */
export interface TrainingImagesPage {
  items: TrainingImageView[];
  total: number;
  page: number;
  pageSize: number;
}

/** `POST /api/admin/training-images/labels` */
export interface BulkLabelResult {
  matched: number;
  modified: number;
}

/** `DELETE /api/admin/training-images` */
export interface DeleteResult {
  deleted: number;
}

export interface BalanceCell<V = string | boolean> {
  value: V;
  count: number;
  underRepresented: boolean;
}

/** `GET /api/admin/training-images/balance`: labelled images only; unlabelled are counted apart. */
export interface Balance {
  labelled: number;
  unlabelled: number;
  minPerValue: number;
  traits: Record<TraitName, BalanceCell[]>;
  colourPattern: { colour: CoatColour; pattern: CoatPattern; count: number; underRepresented: boolean }[];
}

/** A ZIP or upload import job's result. */
export interface ImportResult {
  imported: number;
  /** of the imported, how many came without any label (no labels.csv row, no label folders) */
  unlabelled?: number;
  duplicates: number;
  /**
   * Which entries were duplicates (the first 500): `sameAs` is the file name of the photo already in the set
   * (null when it has none, e.g. a photo added from a prediction). Absent on jobs from before it was reported.
   */
  duplicateEntries?: { entry: string; sameAs: string | null }[];
  rejected: { entry: string; reason: string }[];
}

/** A ZIP or upload import job's progress details. */
export interface ImportProgress {
  percent: number;
  message: string;
  seen: number;
  total: number;
  imported: number;
  duplicates: number;
  rejected: number;
}
