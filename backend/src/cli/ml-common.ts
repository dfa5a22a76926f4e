/** Shared plumbing of the ml CLIs: dataset feature extraction with the file cache, JSON output. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLabelledDirs, type DatasetRow } from '../ml/dataset';
import { FileFeatureCache } from '../ml/feature-cache';
import * as os from 'node:os';
import { FEATURE_DIM, FEATURE_VERSION } from '../ml/feature-layout';
import { DEFAULT_LIMITS } from '../ml/image-io';
import { InferencePool } from '../ml/pool';
import { sha256 } from '../ml/image-io';
import type { TrainingSample } from '../ml/train';
import { copyFeatureVersion, copyKey, planAugmentation, planSummary, type Augmentation } from '../ml/augment';
import type { SyntheticSample } from '../ml/cross-validate';

export interface ExtractionStats {
  images: number;
  cached: number;
  extracted: number;
  failed: { file: string; error: string }[];
  extractSeconds: number;
  imagesPerSec: number | null;
}

export interface Extractor {
  version: string;
  dim: number;
  /** features of the image, or of a synthetic training copy of it (augment.ts) */
  extract(bytes: Buffer, augmentation?: Augmentation): Promise<Float32Array>;
  close(): Promise<void>;
}

/** Feature extraction on every core: an InferencePool (one tfjs-wasm engine per worker thread). */
export async function poolExtractor(workers = Math.max(1, Math.min(2, os.cpus().length))): Promise<Extractor> {
  const pool = await InferencePool.create({ workers, maxPixels: DEFAULT_LIMITS.maxPixels });
  const info = pool.info;
  if (info.featureVersion !== FEATURE_VERSION) throw new Error(`workers extract ${info.featureVersion}, expected ${FEATURE_VERSION}`);
  return { version: FEATURE_VERSION, dim: FEATURE_DIM, extract: (b, a) => pool.extractFeatures(b, a), close: () => pool.close(), workers } as Extractor;
}

export async function samplesFromDirs(
  dirs: string[],
  extractor: Extractor,
  cacheRoot: string,
  concurrency = 4,
): Promise<{ samples: (TrainingSample & { row: DatasetRow })[]; stats: ExtractionStats }> {
  const rows = readLabelledDirs(dirs);
  const cache = new FileFeatureCache(cacheRoot, extractor.version);
  const results: ((TrainingSample & { row: DatasetRow }) | null)[] = new Array(rows.length).fill(null);
  const stats: ExtractionStats = { images: rows.length, cached: 0, extracted: 0, failed: [], extractSeconds: 0, imagesPerSec: null };
  const todo: { i: number; bytes: Buffer; sha: string }[] = [];
  rows.forEach((row, i) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(row.file);
    } catch (e) {
      stats.failed.push({ file: row.file, error: (e as Error).message });
      return;
    }
    const sha = sha256(bytes);
    const f = cache.get(sha, extractor.dim);
    if (f) {
      stats.cached++;
      results[i] = { features: f, label: row.label, row };
    } else todo.push({ i, bytes, sha });
  });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < todo.length) {
        const job = todo[next++];
        const row = rows[job.i];
        try {
          const f = await extractor.extract(job.bytes);
          cache.set(job.sha, f);
          results[job.i] = { features: f, label: row.label, row };
          stats.extracted++;
          if (stats.extracted % 100 === 0) process.stderr.write(`  extracted ${stats.extracted}/${todo.length} images (${((stats.extracted * 1000) / (performance.now() - t0)).toFixed(1)}/s)\n`);
        } catch (e) {
          stats.failed.push({ file: path.relative(process.cwd(), row.file), error: (e as Error).message });
        }
      }
    }),
  );
  const spent = performance.now() - t0;
  stats.extractSeconds = Math.round(spent) / 1000;
  stats.imagesPerSec = stats.extracted ? Math.round((stats.extracted * 1000 * 10) / spent) / 10 : null;
  return { samples: results.filter((r): r is TrainingSample & { row: DatasetRow } => r !== null), stats };
}

export interface AugmentationStats {
  /** synthetic copies per kind (planSummary) */
  copies: Record<string, number>;
  extracted: number;
  cached: number;
  failed: number;
}

/**
 * Synthetic training copies of a labelled set (augment.ts: recoloured rare colours, mirrored minority values), with
 * the file cache keyed by the feature version and the augmentation; one extraction per distinct copy even when it
 * trains several heads. `sourceIndex` points into `samples`.
 */
export async function syntheticSamples(
  samples: readonly (TrainingSample & { row: DatasetRow })[],
  extractor: Extractor,
  cacheRoot: string,
  concurrency = 4,
): Promise<{ synthetic: SyntheticSample[]; stats: AugmentationStats }> {
  const plan = planAugmentation(samples.map((s) => s.label));
  const stats: AugmentationStats = { copies: planSummary(plan), extracted: 0, cached: 0, failed: 0 };
  const distinct = [...new Map(plan.map((c) => [copyKey(c), c])).entries()];
  const vectors = new Map<string, Float32Array>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < distinct.length) {
        const [key, c] = distinct[next++];
        const cache = new FileFeatureCache(cacheRoot, copyFeatureVersion(extractor.version, c.augmentation));
        try {
          const bytes = fs.readFileSync(samples[c.source].row.file);
          const sha = sha256(bytes);
          let f = cache.get(sha, extractor.dim);
          if (f) stats.cached++;
          else {
            f = await extractor.extract(bytes, c.augmentation);
            cache.set(sha, f);
            stats.extracted++;
          }
          vectors.set(key, f);
        } catch {
          stats.failed++;
        }
      }
    }),
  );
  const synthetic = plan.flatMap((c): SyntheticSample[] => {
    const f = vectors.get(copyKey(c));
    return f ? [{ features: f, label: c.label, synthetic: c.trait, sourceIndex: c.source }] : [];
  });
  return { synthetic, stats };
}

export function splitDirs(v: string | boolean | undefined, flag = '--data'): string[] {
  if (typeof v !== 'string' || !v.trim()) throw new Error(`${flag} DIR[,DIR...] is required`);
  const dirs = v.split(',').map((d) => path.resolve(d.trim())).filter(Boolean);
  for (const d of dirs) if (!fs.existsSync(path.join(d, 'labels.csv'))) throw new Error(`${d}/labels.csv not found`);
  return dirs;
}

/** Writes JSON to --json FILE when given, else to stdout. */
export function output(value: unknown, jsonFile: string | boolean | undefined): void {
  const text = JSON.stringify(value, null, 2) + '\n';
  if (typeof jsonFile === 'string') {
    fs.mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
    fs.writeFileSync(jsonFile, text);
    process.stderr.write(`wrote ${jsonFile}\n`);
  } else process.stdout.write(text);
}

export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      if (e instanceof Error && e.stack && process.argv.includes('--verbose')) process.stderr.write(e.stack + '\n');
      process.exit(1);
    },
  );
}
