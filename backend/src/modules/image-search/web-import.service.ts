/**
 * The web-image import job's work: for each chosen URL, download it safely (SSRF-checked, size- and
 * time-capped), validate the bytes as an image and store it as a training image (source web-search) with
 * its provider, URL, licence and attribution. One bad URL never fails the batch: it is reported as failed.
 * Re-running the same batch is harmless (already-imported URLs and hashes come back as duplicates).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ImportWebImagesPayload, JobProgress } from '../../infra/queue/queues';
import type { WebImportItemOutcome, WebImportProgress as WebImportProgressView, WebImportResult } from '../../contracts/image-search';
import { ImageInputError } from '../../ml/errors';
import { inspectImage } from '../../ml/image-io';
import { PhenotypeLabel } from '../../ml/vocabulary';
import { blockedReason } from './domain/address-policy';
import { DownloadError, DEFAULT_USER_AGENT, safeDownload } from './domain/safe-downloader';
import { UNKNOWN_LICENCE } from './domain/licence';
import { TRAINING_IMAGE_LIBRARY, TrainingImageLibrary } from './training-image-library';

/** Decides which addresses downloads may connect to (null = allowed). Replaceable in tests. */
export const WEB_ADDRESS_CHECK = Symbol('WEB_ADDRESS_CHECK');
export type AddressCheck = (address: string) => string | null;

export function addressCheckFromConfig(config: AppConfig): AddressCheck {
  // The escape hatch exists for the e2e fake provider on loopback; config refuses it in production.
  return config.imageSearch.allowPrivateAddresses ? () => null : blockedReason;
}

export type ItemOutcome = WebImportItemOutcome;
export type { WebImportResult };
export type WebImportProgress = WebImportProgressView & JobProgress;

export interface WebImportHooks {
  progress?: (p: WebImportProgress) => Promise<void> | void;
  /** Throws to stop the batch (an administrator cancelled it). */
  checkCancelled?: () => Promise<void>;
}

const CONCURRENCY = 3;

@Injectable()
export class WebImportService {
  private readonly logger = new Logger(WebImportService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TRAINING_IMAGE_LIBRARY) private readonly library: TrainingImageLibrary,
    @Inject(WEB_ADDRESS_CHECK) private readonly checkAddress: AddressCheck,
  ) {}

  async run(payload: ImportWebImagesPayload, hooks: WebImportHooks = {}): Promise<WebImportResult> {
    const total = payload.items.length;
    const outcomes: ItemOutcome[] = [];
    const report = async (message: string) => {
      const count = (o: ItemOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
      await hooks.progress?.({
        percent: total ? Math.round((outcomes.length / total) * 100) : 100,
        message,
        done: outcomes.length,
        total,
        imported: count('imported'),
        duplicates: count('duplicate'),
        failed: count('failed'),
        items: outcomes,
      });
    };
    await report(`Importing ${total} image${total === 1 ? '' : 's'}`);

    // URLs already in the training set (or twice in this batch) are duplicates without a download.
    const known = await this.library.findImportedUrls([...new Set(payload.items.map((i) => i.url))]);
    const seen = new Set<string>();
    const queue = payload.items.map((item, index) => ({ item, index }));
    const label = payload.label && Object.keys(payload.label).length ? (payload.label as Partial<PhenotypeLabel>) : undefined;

    const worker = async () => {
      for (;;) {
        const next = queue.shift();
        if (!next) return;
        await hooks.checkCancelled?.();
        const { item } = next;
        let outcome: ItemOutcome;
        if (known.has(item.url) || seen.has(item.url)) {
          outcome = { url: item.url, outcome: 'duplicate', id: null };
        } else {
          seen.add(item.url);
          outcome = await this.importOne(item, payload.userId, label);
        }
        outcomes.push(outcome);
        await report(outcome.outcome === 'failed' ? `Could not import ${item.url}: ${outcome.reason}` : `${outcome.outcome === 'imported' ? 'Imported' : 'Already had'} ${item.url}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, total) }, worker));

    const result: WebImportResult = {
      imported: outcomes.filter((o) => o.outcome === 'imported').length,
      duplicates: outcomes.filter((o) => o.outcome === 'duplicate').length,
      failed: outcomes.flatMap((o) => (o.outcome === 'failed' ? [{ url: o.url, reason: o.reason }] : [])),
    };
    await report(`Done: ${result.imported} imported, ${result.duplicates} already there, ${result.failed.length} failed`);
    return result;
  }

  private async importOne(item: ImportWebImagesPayload['items'][number], userId: string, label: Partial<PhenotypeLabel> | undefined): Promise<ItemOutcome> {
    const limits = { maxBytes: this.config.uploads.maxImageBytes, maxPixels: this.config.uploads.maxImagePixels };
    try {
      const download = await safeDownload(item.url, {
        maxBytes: limits.maxBytes,
        timeoutMs: downloadTimeoutMs(this.config),
        maxRedirects: 5,
        userAgent: DEFAULT_USER_AGENT,
        checkAddress: this.checkAddress,
      });
      const info = await inspectImage(download.bytes, limits);
      const { outcome, id } = await this.library.importImage(download.bytes, {
        source: 'web-search',
        originalName: originalName(download.finalUrl, info.format),
        label,
        userId,
        web: {
          provider: item.provider ?? 'web',
          url: item.url,
          sourcePage: item.sourcePage ?? null,
          thumbnailUrl: item.thumbnailUrl ?? null,
          licence: item.licence?.trim() || UNKNOWN_LICENCE,
          attribution: item.attribution?.trim() || null,
        },
      });
      return { url: item.url, outcome, id };
    } catch (err) {
      if (err instanceof DownloadError) return { url: item.url, outcome: 'failed', reason: err.message };
      if (err instanceof ImageInputError) return { url: item.url, outcome: 'failed', reason: `Not a usable image: ${err.message}` };
      const name = (err as Error)?.name;
      if (name === 'JobCancelledError') throw err;
      // Anything else (e.g. a storage error) fails this item only; it is logged for the operator.
      this.logger.error(`import of ${item.url} failed: ${(err as Error)?.stack ?? String(err)}`);
      const status = (err as { status?: number }).status;
      const message = (err as Error)?.message ?? String(err);
      return { url: item.url, outcome: 'failed', reason: status && status < 500 ? message : `Could not store the image: ${message}` };
    }
  }
}

/** Downloads get longer than searches (a 15 MB photo from a slow host): 3 × the search timeout, at least 30 s. */
export function downloadTimeoutMs(config: AppConfig): number {
  return Math.max(config.imageSearch.timeoutMs * 3, 30_000);
}

/** A file name for the training-image table: the URL's last path segment, else web-image.<format>. */
export function originalName(url: string, format: string): string {
  try {
    const segment = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
    const clean = segment.replace(/[^\w.\- ()]/g, '_').slice(-120);
    if (clean) return /\.[a-z0-9]{2,5}$/i.test(clean) ? clean : `${clean}.${format === 'jpeg' ? 'jpg' : format}`;
  } catch {
    /* fall through */
  }
  return `web-image.${format === 'jpeg' ? 'jpg' : format}`;
}
