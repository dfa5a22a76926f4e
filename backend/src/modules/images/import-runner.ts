/**
 * The import jobs' engine: reads spooled ZIP archives (central directory first, then entry by entry as
 * streams, never extracted to disk) or spooled single uploads, and feeds each candidate image to
 * TrainingImagesService.importImage. Keeps going past bad entries; reports progress and every skipped entry.
 */
import { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { promises as fs } from 'node:fs';
import * as unzipper from 'unzipper';
import { AppConfig } from '../../config/config';
import { formatBytes } from '../../common/multer-errors';
import { ImageInputError, LabelError } from '../../ml/errors';
import { PhenotypeLabel } from '../../ml/vocabulary';
import { CsvLabelRow, checkEntryPath, isLabelsCsv, isNestedArchive, isSystemEntry, labelFromFolders, parseLabelsCsv } from './domain/zip-entries';
import { HashLedger, ImportMeta, TrainingImagesService } from './training-images.service';
import type { ImportProgress, ImportResult } from '../../contracts/training-images';

export type { ImportProgress, ImportResult };

export interface ImportHooks {
  progress(p: ImportProgress): Promise<void>;
  /** throws when the job was cancelled */
  checkCancelled(): Promise<void>;
  /** new image ids, handed to feature caching in batches */
  imported(ids: string[]): Promise<void>;
}

/** Images decoded at once (sharp uses its own thread pool underneath). */
export const IMPORT_CONCURRENCY = 4;
const MAX_LABELS_CSV_BYTES = 20 * 1024 * 1024;
/** A high compression ratio only matters for entries big enough to hurt. */
const RATIO_CHECK_MIN_BYTES = 1024 * 1024;
const PROGRESS_EVERY_MS = 400;
const FEATURE_BATCH = 200;
/** Duplicates named in the result (all are counted). */
export const MAX_LISTED_DUPLICATES = 500;

interface Candidate {
  name: string;
  read: () => Promise<Buffer>;
  label?: PhenotypeLabel;
}

class EntryRejected extends Error {}

export class ImportRunner {
  private readonly logger = new Logger('ImportRunner');
  private readonly result: ImportResult = { imported: 0, unlabelled: 0, duplicates: 0, duplicateEntries: [], rejected: [] };
  private seen = 0;
  private total = 0;
  private lastProgress = 0;
  private pendingIds: string[] = [];
  private ledger?: HashLedger;
  /** the first duplicates, with the id of the photo each repeats */
  private duplicatesOf: { entry: string; id: string }[] = [];

  constructor(
    private readonly images: TrainingImagesService,
    private readonly config: AppConfig,
    private readonly hooks: ImportHooks,
    private readonly meta: Pick<ImportMeta, 'source' | 'userId'>,
  ) {}

  /** Imports the images of a spooled ZIP archive. */
  async runZip(zipPath: string, archiveName: string): Promise<ImportResult> {
    const limits = this.config.uploads;
    let dir: unzipper.CentralDirectory;
    try {
      dir = await unzipper.Open.file(zipPath);
    } catch (err) {
      throw new UnrecoverableError(`"${archiveName}" could not be read as a ZIP archive (${(err as Error).message}). Check that the file is a complete .zip and upload it again.`);
    }
    const files = dir.files.filter((f) => f.type !== 'Directory');
    if (dir.files.length > limits.maxZipEntries) {
      throw new UnrecoverableError(
        `"${archiveName}" has ${dir.files.length} entries; the limit is ${limits.maxZipEntries}. Split it into smaller archives. Nothing was imported.`,
      );
    }
    const declaredTotal = files.reduce((a, f) => a + (f.uncompressedSize || 0), 0);
    if (declaredTotal > limits.maxZipUncompressedBytes) {
      throw new UnrecoverableError(
        `"${archiveName}" would unpack to ${formatBytes(declaredTotal)}; the limit is ${formatBytes(limits.maxZipUncompressedBytes)}. Split it into smaller archives. Nothing was imported.`,
      );
    }

    // labels.csv first (any folder; its file column is relative to its own folder)
    const csvRows = new Map<string, CsvLabelRow>();
    const candidates: Candidate[] = [];
    let budget = limits.maxZipUncompressedBytes; // real bytes read, whatever the headers claim
    const readEntry = async (f: unzipper.File, max: number, name: string): Promise<Buffer> => {
      const buf = await readLimited(f, Math.min(max, budget), name, limits.maxZipCompressionRatio);
      budget -= buf.length;
      return buf;
    };
    for (const f of files) {
      const checked = checkEntryPath(f.path);
      if (!checked.ok || isSystemEntry(checked.path) || !isLabelsCsv(checked.path)) continue;
      try {
        const parsed = parseLabelsCsv((await readEntry(f, MAX_LABELS_CSV_BYTES, checked.path)).toString('utf8'), checked.path);
        if (parsed.problem) this.reject(checked.path, parsed.problem);
        for (const [k, v] of parsed.rows) csvRows.set(k, v);
      } catch (err) {
        this.reject(checked.path, `labels.csv could not be read: ${(err as Error).message}`);
      }
    }

    const inArchive = new Set<string>();
    for (const f of files) {
      const checked = checkEntryPath(f.path);
      if (!checked.ok) {
        this.reject(f.path, checked.reason);
        continue;
      }
      const name = checked.path;
      inArchive.add(name);
      if (isSystemEntry(name) || isLabelsCsv(name)) continue;
      if (isNestedArchive(name)) {
        this.reject(name, 'nested archive - skipped (upload it separately)');
        continue;
      }
      const csv = csvRows.get(name);
      if (csv?.error) {
        this.reject(name, `${csv.error} - fix the row and upload again`);
        continue;
      }
      if (f.flags & 0x01) {
        this.reject(name, 'encrypted entry - skipped (password-protected archives are not supported)');
        continue;
      }
      const declared = f.uncompressedSize || 0;
      if (declared > limits.maxImageBytes) {
        this.reject(name, `file is ${formatBytes(declared)}; the limit per image is ${formatBytes(limits.maxImageBytes)}`);
        continue;
      }
      const ratio = f.compressedSize > 0 ? declared / f.compressedSize : declared > 0 ? Infinity : 0;
      if (declared >= RATIO_CHECK_MIN_BYTES && ratio > limits.maxZipCompressionRatio) {
        this.reject(name, `compression ratio ${Number.isFinite(ratio) ? Math.round(ratio) : '∞'}:1 exceeds the limit of ${limits.maxZipCompressionRatio}:1 (possible zip bomb) - skipped`);
        continue;
      }
      candidates.push({
        name,
        read: () => readEntry(f, limits.maxImageBytes, name),
        label: csv?.label ?? labelFromFolders(name) ?? undefined,
      });
    }
    // a row for a photo that is not there is most likely a typo in the file column: say so rather than drop it
    for (const [name, row] of csvRows) if (!inArchive.has(name)) this.reject(name, `named in labels.csv (line ${row.line}) but not in the archive - check the file column`);
    return this.importAll(candidates, 'zip');
  }

  /** Imports spooled single uploads. */
  async runFiles(files: { path: string; originalName: string }[]): Promise<ImportResult> {
    return this.importAll(
      files.map((f) => ({ name: f.originalName, read: () => fs.readFile(f.path) })),
      'upload',
    );
  }

  private async importAll(candidates: Candidate[], kind: 'zip' | 'upload'): Promise<ImportResult> {
    this.total = candidates.length;
    await this.report(true);
    if (candidates.length) this.ledger = await this.images.openHashLedger();
    let next = 0;
    const worker = async () => {
      while (next < candidates.length) {
        const c = candidates[next++];
        await this.importOne(c, kind);
        this.seen++;
        if (this.seen % 25 === 0) await this.hooks.checkCancelled();
        await this.report(false);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, candidates.length) }, worker));
    } finally {
      await this.flushIds();
    }
    await this.nameDuplicates();
    await this.report(true);
    return this.result;
  }

  private async importOne(c: Candidate, kind: 'zip' | 'upload'): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await c.read();
    } catch (err) {
      this.reject(c.name, err instanceof EntryRejected ? err.message : `could not be read (${(err as Error).message}) - the archive may be damaged`);
      return;
    }
    if (kind === 'zip' && isNestedArchive(c.name, bytes.subarray(0, 8))) {
      this.reject(c.name, 'nested archive - skipped (upload it separately)');
      return;
    }
    try {
      const res = await this.images.importImage(bytes, { ...this.meta, originalName: c.name, label: c.label }, this.ledger);
      if (res.outcome === 'duplicate') {
        this.result.duplicates++;
        if (this.duplicatesOf.length < MAX_LISTED_DUPLICATES) this.duplicatesOf.push({ entry: c.name, id: res.id });
      } else {
        this.result.imported++;
        if (!c.label || Object.values(c.label).every((v) => v === null)) this.result.unlabelled = (this.result.unlabelled ?? 0) + 1;
        this.pendingIds.push(res.id);
        if (this.pendingIds.length >= FEATURE_BATCH) await this.flushIds();
      }
    } catch (err) {
      if (err instanceof ImageInputError) this.reject(c.name, `not imported: ${err.message}`);
      else if (err instanceof LabelError) this.reject(c.name, `label rejected: ${err.message}`);
      else {
        this.logger.warn(`Import of "${c.name}" failed: ${(err as Error).message}`);
        this.reject(c.name, `could not be stored (${(err as Error).message}); try again later`);
      }
    }
  }

  private async flushIds(): Promise<void> {
    if (!this.pendingIds.length) return;
    const ids = this.pendingIds;
    this.pendingIds = [];
    await this.hooks.imported(ids);
  }

  /** Names each listed duplicate's photo in the set, so the admin can find it (one query for all). */
  private async nameDuplicates(): Promise<void> {
    if (!this.duplicatesOf.length) return;
    let names = new Map<string, string | null>();
    try {
      names = await this.images.namesOf([...new Set(this.duplicatesOf.map((d) => d.id))]);
    } catch (err) {
      this.logger.warn(`Could not look up the names of ${this.duplicatesOf.length} duplicates: ${(err as Error).message}`);
    }
    this.result.duplicateEntries = this.duplicatesOf.map((d) => ({ entry: d.entry, sameAs: names.get(d.id) ?? null }));
  }

  private reject(entry: string, reason: string): void {
    this.result.rejected.push({ entry, reason });
  }

  private async report(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    const { imported, duplicates } = this.result;
    const rejected = this.result.rejected.length;
    await this.hooks.progress({
      percent: this.total ? Math.min(100, Math.round((this.seen / this.total) * 100)) : 100,
      message: `${this.seen} of ${this.total} files checked: ${imported} imported, ${duplicates} duplicates, ${rejected} rejected`,
      seen: this.seen,
      total: this.total,
      imported,
      duplicates,
      rejected,
    });
  }
}

/** Reads one entry into memory, stopping as soon as it grows past `max` or beyond its compression ratio. */
async function readLimited(f: unzipper.File, max: number, name: string, maxRatio: number): Promise<Buffer> {
  const stream = f.stream();
  const chunks: Buffer[] = [];
  let n = 0;
  const ratioCap = f.compressedSize > 0 ? f.compressedSize * maxRatio : Infinity;
  const declaredCap = f.uncompressedSize > 0 ? f.uncompressedSize : Infinity;
  try {
    for await (const chunk of stream) {
      n += (chunk as Buffer).length;
      if (n > max) throw new EntryRejected(`${name} is larger than ${formatBytes(max)} when unpacked - skipped`);
      if (n > declaredCap) throw new EntryRejected('unpacks to more bytes than its header declares (possible zip bomb) - skipped');
      if (n >= RATIO_CHECK_MIN_BYTES && n > ratioCap) {
        throw new EntryRejected(`compression ratio exceeds the limit of ${maxRatio}:1 (possible zip bomb) - skipped`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    stream.on('error', () => undefined);
    stream.destroy();
    if (err instanceof EntryRejected) throw err;
    const msg = (err as Error).message ?? String(err);
    if (/MISSING_PASSWORD|BAD_PASSWORD/.test(msg)) throw new EntryRejected('encrypted entry - skipped (password-protected archives are not supported)');
    throw new EntryRejected(`corrupt entry - could not be unpacked (${msg})`);
  }
  return Buffer.concat(chunks);
}
