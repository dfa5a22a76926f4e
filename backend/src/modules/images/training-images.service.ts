import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { BlobStore } from '../../infra/mongo/blob-store';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { ImageInfo, ImageLimits, inspectImage, sha256 as sha256Of, toThumbnail } from '../../ml/image-io';
import { EMPTY_LABEL, PhenotypeLabel, TraitName, isLabelled, normaliseLabel } from '../../ml/vocabulary';
import { ImageSource } from './domain/image-filter';
import { TrainingImagesRepository } from './training-images.repository';
import { WebOrigin } from './schemas/training-image.schema';

export interface ImportMeta {
  source: ImageSource;
  originalName?: string;
  label?: Partial<PhenotypeLabel>;
  userId: string;
  web?: Partial<WebOrigin> & { url: string };
}

export const THUMBNAIL_SIZE = 256;

/** Hashes known to one import run: those stored before it started and those it stored itself. */
export class HashLedger {
  /** imports of a hash in progress in this run */
  readonly pending = new Map<string, Promise<unknown>>();

  constructor(readonly ids: Map<string, string>) {}
}

/**
 * The training set as other modules see it (image search import, prediction review, reporting snapshot,
 * training). Every image is validated by its content; the same photo (SHA-256) is stored once.
 */
@Injectable()
export class TrainingImagesService {
  private readonly logger = new Logger(TrainingImagesService.name);

  constructor(
    private readonly repo: TrainingImagesRepository,
    private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The hashes already in the set, for an import run of many photos: one pass over the collection instead of
   * one lookup per photo (FerretDB v1 answers only `_id` lookups from an index, so each lookup by sha256 scans
   * the whole collection).
   */
  async openHashLedger(): Promise<HashLedger> {
    return new HashLedger(await this.repo.shaIds());
  }

  /** Which of these training image ids still exist (an admin may have deleted some). */
  existingIds(ids: string[]): Promise<Set<string>> {
    return this.repo.existingIds(ids);
  }

  /** The names the given photos were imported under (file name or web address), by id. */
  namesOf(ids: string[]): Promise<Map<string, string | null>> {
    return this.repo.namesByIds(ids);
  }

  /**
   * Validates the bytes by content (throws ImageInputError), skips a photo already in the set (same SHA-256),
   * stores original + thumbnail in GridFS and the record. Throws LabelError for a label outside the vocabulary.
   * With a ledger (import runs) duplicates are found in it instead of the database; the unique index on
   * sha256 still settles a race with an import the ledger does not know about.
   */
  async importImage(bytes: Buffer, meta: ImportMeta, ledger?: HashLedger): Promise<{ outcome: 'imported' | 'duplicate'; id: string }> {
    const label = meta.label ? normaliseLabel(meta.label as Partial<Record<TraitName, unknown>>) : { ...EMPTY_LABEL };
    const limits = { maxBytes: this.config.uploads.maxImageBytes, maxPixels: this.config.uploads.maxImagePixels };
    const info = await inspectImage(bytes, limits);
    const sha = sha256Of(bytes);
    if (!ledger) {
      const existing = await this.repo.idBySha(sha);
      if (existing) return { outcome: 'duplicate', id: existing };
      return this.store(bytes, sha, info, label, meta, limits);
    }
    // the same photo twice in one run: the second waits for the first instead of storing it in parallel
    for (let pending = ledger.pending.get(sha); pending; pending = ledger.pending.get(sha)) await pending.catch(() => undefined);
    const known = ledger.ids.get(sha);
    if (known) return { outcome: 'duplicate', id: known };
    const stored = this.store(bytes, sha, info, label, meta, limits);
    ledger.pending.set(sha, stored);
    try {
      const res = await stored;
      if (res.id) ledger.ids.set(sha, res.id);
      return res;
    } finally {
      ledger.pending.delete(sha);
    }
  }

  private async store(
    bytes: Buffer,
    sha: string,
    info: ImageInfo,
    label: PhenotypeLabel,
    meta: ImportMeta,
    limits: ImageLimits,
  ): Promise<{ outcome: 'imported' | 'duplicate'; id: string }> {
    const thumb = await toThumbnail(bytes, THUMBNAIL_SIZE, limits); // full decode: catches truncated/corrupt data
    const blobId = await this.blobs.put('images', bytes, meta.originalName || `${sha}.${info.format}`, `image/${info.format}`, {
      kind: 'training-original',
      sha256: sha,
    });
    let thumbBlobId: string | null = null;
    try {
      thumbBlobId = await this.blobs.put('images', thumb, `${sha}.thumb.jpg`, 'image/jpeg', { kind: 'training-thumbnail', sha256: sha });
      const now = new Date();
      const labelled = isLabelled(label);
      const id = await this.repo.insert({
        sha256: sha,
        blobId,
        thumbBlobId,
        ownsBlobs: true,
        width: info.width,
        height: info.height,
        format: info.format,
        source: meta.source,
        label,
        isLabelled: labelled,
        labelledBy: labelled ? meta.userId : null,
        labelledAt: labelled ? now : null,
        originalName: meta.originalName ?? null,
        web: meta.web
          ? {
              provider: meta.web.provider ?? null,
              url: meta.web.url,
              sourcePage: meta.web.sourcePage ?? null,
              thumbnailUrl: meta.web.thumbnailUrl ?? null,
              licence: meta.web.licence ?? null,
              attribution: meta.web.attribution ?? null,
            }
          : null,
        predictionId: null,
        createdBy: meta.userId,
        createdAt: now,
        updatedAt: now,
      });
      if (id) return { outcome: 'imported', id };
      // lost a race with a concurrent import of the same photo: keep theirs, drop our blobs
      await this.blobs.deleteMany('images', [blobId, thumbBlobId]);
      const winner = await this.repo.idBySha(sha);
      return { outcome: 'duplicate', id: winner ?? '' };
    } catch (err) {
      await this.blobs.deleteMany('images', thumbBlobId ? [blobId, thumbBlobId] : [blobId]).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Adds a reviewed prediction's photo to the training set by reference (its blob is not copied and never
   * deleted from here). Idempotent per prediction. When the same photo is already in the set (same SHA-256)
   * that record is returned (created=false) and receives the label only if it had none (labelApplied says whether
   * the review's label is now the image's label).
   */
  async addFromPrediction(input: {
    predictionId: string;
    blobId: string;
    sha256: string;
    width: number;
    height: number;
    label: Partial<PhenotypeLabel>;
    userId: string;
  }): Promise<{ id: string; created: boolean; labelApplied: boolean }> {
    const label = normaliseLabel(input.label as Partial<Record<TraitName, unknown>>);
    const byPrediction = await this.repo.findByPredictionId(input.predictionId);
    if (byPrediction) return { id: String(byPrediction._id), created: false, labelApplied: false };
    const now = new Date();
    const labelled = isLabelled(label);
    const bySha = await this.repo.findBySha(input.sha256);
    if (bySha) {
      const apply = !bySha.isLabelled && labelled;
      if (apply) await this.repo.setLabel(String(bySha._id), label, true, input.userId, now);
      return { id: String(bySha._id), created: false, labelApplied: apply };
    }
    const info = await this.blobs.info('images', input.blobId);
    const format = info?.contentType?.startsWith('image/') ? info.contentType.slice('image/'.length) : 'jpeg';
    const id = await this.repo.insert({
      sha256: input.sha256,
      blobId: input.blobId,
      thumbBlobId: null,
      ownsBlobs: false,
      width: input.width,
      height: input.height,
      format,
      source: 'prediction-review',
      label,
      isLabelled: labelled,
      labelledBy: labelled ? input.userId : null,
      labelledAt: labelled ? now : null,
      originalName: null,
      web: null,
      predictionId: input.predictionId,
      createdBy: input.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (id) return { id, created: true, labelApplied: labelled };
    const winner = (await this.repo.findBySha(input.sha256)) ?? (await this.repo.findByPredictionId(input.predictionId));
    return { id: winner ? String(winner._id) : '', created: false, labelApplied: false };
  }

  findImportedUrls(urls: string[]): Promise<Set<string>> {
    return this.repo.existingWebUrls(urls);
  }

  findImportedHashes(hashes: string[]): Promise<Set<string>> {
    return this.repo.existingShas(hashes);
  }

  /** All labelled images (for training). */
  labelledSnapshot(): Promise<Array<{ id: string; sha256: string; blobId: string; label: PhenotypeLabel }>> {
    return this.repo.labelledSnapshot();
  }

  /** Counts by full label and source; label null = unlabelled (for the reporting snapshot). */
  async countByLabelAndSource(): Promise<Array<{ label: PhenotypeLabel | null; source: string; count: number }>> {
    const rows = await this.repo.groupsByLabelAndSource();
    const merged = new Map<string, { label: PhenotypeLabel | null; source: string; count: number }>();
    for (const r of rows) {
      const label = r.isLabelled ? r.label : null;
      const key = `${r.source}|${JSON.stringify(label)}`;
      const m = merged.get(key);
      if (m) m.count += r.count;
      else merged.set(key, { label, source: r.source, count: r.count });
    }
    return [...merged.values()];
  }

  /** The original bytes of a training image. */
  async loadOriginal(id: string): Promise<Buffer> {
    const doc = await this.repo.findById(id);
    if (!doc) throw new NotFoundException(`No training image with id "${id}".`);
    return this.blobs.get('images', doc.blobId);
  }
}
