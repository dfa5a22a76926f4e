/** Shared plumbing of the ml CLIs: dataset feature extraction with the file cache, JSON output. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLabelledDirs, type DatasetRow } from '../ml/dataset';
import { FileFeatureCache } from '../ml/feature-cache';
import type { FeatureExtractor } from '../ml/features';
import { sha256 } from '../ml/image-io';
import type { TrainingSample } from '../ml/train';

export interface ExtractionStats {
  images: number;
  cached: number;
  extracted: number;
  failed: { file: string; error: string }[];
  extractSeconds: number;
  imagesPerSec: number | null;
}

export async function samplesFromDirs(
  dirs: string[],
  extractor: FeatureExtractor,
  cacheRoot: string,
): Promise<{ samples: (TrainingSample & { row: DatasetRow })[]; stats: ExtractionStats }> {
  const rows = readLabelledDirs(dirs);
  const cache = new FileFeatureCache(cacheRoot, extractor.version);
  const samples: (TrainingSample & { row: DatasetRow })[] = [];
  const stats: ExtractionStats = { images: rows.length, cached: 0, extracted: 0, failed: [], extractSeconds: 0, imagesPerSec: null };
  let spent = 0;
  for (const row of rows) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(row.file);
    } catch (e) {
      stats.failed.push({ file: row.file, error: (e as Error).message });
      continue;
    }
    const sha = sha256(bytes);
    let f = cache.get(sha, extractor.dim);
    if (f) stats.cached++;
    else {
      const t0 = performance.now();
      try {
        f = (await extractor.extract(bytes)).features;
      } catch (e) {
        stats.failed.push({ file: path.relative(process.cwd(), row.file), error: (e as Error).message });
        continue;
      }
      spent += performance.now() - t0;
      cache.set(sha, f);
      stats.extracted++;
      if (stats.extracted % 100 === 0) process.stderr.write(`  extracted ${stats.extracted} images (${((stats.extracted * 1000) / spent).toFixed(1)}/s)\n`);
    }
    samples.push({ features: f, label: row.label, row });
  }
  stats.extractSeconds = Math.round(spent) / 1000;
  stats.imagesPerSec = stats.extracted ? Math.round((stats.extracted * 1000 * 10) / spent) / 10 : null;
  return { samples, stats };
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
