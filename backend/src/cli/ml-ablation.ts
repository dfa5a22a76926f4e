/**
 * Ablation helper (development only): extracts every candidate feature block once per image of the dev sets
 * into a git-ignored cache, so feature combinations and heads can be compared by cross-validation without
 * re-embedding. Usage: node dist/cli/ml-ablation.js extract --data DIR[,DIR] [--cache DIR]
 *                      node dist/cli/ml-ablation.js cv --data DIR[,DIR] [--folds 5] [--json OUT]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CatDetector } from '../ml/detector';
import { MobileNetBackbone } from '../ml/backbone';
import { defaultRegion, handcraftedFeatures } from '../ml/handcrafted';
import { decodeRgb } from '../ml/image-io';
import { detFeatures } from '../ml/features';
import { initTf } from '../ml/tf-runtime';
import { readLabelledDirs } from '../ml/dataset';
import { sha256 } from '../ml/image-io';
import { defaultCacheRoot } from '../ml/feature-cache';
import { parseArgs } from './ml-args';
import { crossValidate, stratumKey } from '../ml/cross-validate';
import type { TrainingSample } from '../ml/train';
import type { FitOptions } from '../ml/heads';
import { TRAIT_NAMES } from '../ml/vocabulary';

export const ABLATION_BLOCKS = ['det320', 'hand320', 'det256', 'hand256', 'handCentre', 'mnv2'] as const;
export type AblationBlock = (typeof ABLATION_BLOCKS)[number];

export function ablationDir(root: string): string {
  return path.join(path.dirname(root), 'ml-ablation-v1');
}

async function extract(dirs: string[], cacheRoot: string): Promise<void> {
  const info = await initTf();
  const det320 = await CatDetector.load(320);
  const det256 = await CatDetector.load(256);
  const mnv2 = await MobileNetBackbone.load();
  const rows = readLabelledDirs(dirs);
  const out = ablationDir(cacheRoot);
  fs.mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  let done = 0;
  const timing = { decode: 0, det320: 0, det256: 0, hand: 0, mnv2: 0 };
  for (const row of rows) {
    const bytes = fs.readFileSync(row.file);
    const sha = sha256(bytes);
    const f = path.join(out, `${sha}.json`);
    if (fs.existsSync(f)) continue;
    let t = performance.now();
    const img = await decodeRgb(bytes, 320);
    timing.decode += performance.now() - t;
    t = performance.now();
    const d320 = await det320.detect(img);
    timing.det320 += performance.now() - t;
    t = performance.now();
    const d256 = await det256.detect(img);
    timing.det256 += performance.now() - t;
    t = performance.now();
    const h320 = handcraftedFeatures(img, d320.catBox && d320.catScore >= 0.1 ? d320.catBox : defaultRegion(img));
    const h256 = handcraftedFeatures(img, d256.catBox && d256.catScore >= 0.1 ? d256.catBox : defaultRegion(img));
    const hc = handcraftedFeatures(img, defaultRegion(img));
    timing.hand += performance.now() - t;
    t = performance.now();
    const m = await mnv2.embed(img);
    timing.mnv2 += performance.now() - t;
    const rec: Record<string, number[]> = {
      det320: Array.from(detFeatures(d320, img)),
      hand320: Array.from(h320),
      det256: Array.from(detFeatures(d256, img)),
      hand256: Array.from(h256),
      handCentre: Array.from(hc),
      mnv2: Array.from(m),
    };
    fs.writeFileSync(f, JSON.stringify(rec));
    done++;
    if (done % 50 === 0) process.stderr.write(`${done}/${rows.length} ${((Date.now() - t0) / done).toFixed(0)} ms/img\n`);
  }
  const per = (v: number) => (done ? +(v / done).toFixed(1) : 0);
  process.stdout.write(
    JSON.stringify({ runtime: info, images: rows.length, extracted: done, msPerImage: { decode: per(timing.decode), det320: per(timing.det320), det256: per(timing.det256), hand3: per(timing.hand), mnv2: per(timing.mnv2) } }, null, 2) + '\n',
  );
}

export function loadAblation(dirs: string[], cacheRoot: string) {
  const rows = readLabelledDirs(dirs);
  const dir = ablationDir(cacheRoot);
  return rows.map((row) => {
    const sha = sha256(fs.readFileSync(row.file));
    const rec = JSON.parse(fs.readFileSync(path.join(dir, `${sha}.json`), 'utf8')) as Record<AblationBlock, number[]>;
    return { row, sha, rec };
  });
}

async function cv(dirs: string[], cache: string, args: Record<string, string | boolean>): Promise<void> {
  const data = loadAblation(dirs, cache);
  const combos = String(args.combos ?? 'det320,hand320,det320+hand320').split(',');
  const k = Number(args.folds ?? 5);
  const fit = args.fit ? (JSON.parse(String(args.fit)) as Partial<FitOptions>) : {};
  const catFit = args.catFit ? (JSON.parse(String(args.catFit)) as Partial<FitOptions>) : {};
  const results: Record<string, unknown> = {};
  for (const combo of combos) {
    // "det320+hand320" = every head reads both; "cat=det320+hand320/coat=hand320" = per-head blocks
    const spec = combo.includes('=') ? Object.fromEntries(combo.split('/').map((p) => p.split('=') as [string, string])) : { cat: combo, coat: combo };
    const blocks = [...new Set([...spec.cat.split('+'), ...spec.coat.split('+')])] as AblationBlock[];
    const offsets: Record<string, [number, number]> = {};
    let off = 0;
    for (const b of blocks) {
      offsets[b] = [off, off + data[0].rec[b].length];
      off += data[0].rec[b].length;
    }
    const idx = (s: string) => s.split('+').flatMap((b) => Array.from({ length: offsets[b][1] - offsets[b][0] }, (_, i) => offsets[b][0] + i));
    const inputs = { is_cat: idx(spec.cat), colour: idx(spec.coat), pattern: idx(spec.coat), is_tabby: idx(spec.coat), is_pointed: idx(spec.coat) };
    const samples: TrainingSample[] = data.map((d) => ({ label: d.row.label, features: Float32Array.from(blocks.flatMap((b) => d.rec[b])) }));
    const keys = data.map((d) => stratumKey(d.row.label, d.row.source));
    const t0 = Date.now();
    const { report, trainMs } = await crossValidate(samples, keys, k, {
      featureVersion: combo,
      inputs,
      fit: Object.fromEntries(TRAIT_NAMES.map((t) => [t, { ...(t === 'is_cat' ? catFit : fit) }])),
      maxAbstention: args.maxAbstention ? Number(args.maxAbstention) : undefined,
    });
    const summary = Object.fromEntries(
      TRAIT_NAMES.map((t) => {
        const m = report.traits[t];
        return [t, { n: m.n, acc: m.accuracy, bal: m.balancedAccuracy, f1: m.macroF1, abst: m.abstentionRate, ece: m.ece, base: m.baselineAccuracy }];
      }),
    );
    results[combo] = { summary, report, trainMsPerFold: trainMs, totalMs: Date.now() - t0 };
    process.stderr.write(`${combo}\n${TRAIT_NAMES.map((t) => `  ${t.padEnd(10)} ${JSON.stringify(summary[t])}`).join('\n')}\n`);
  }
  if (args.json) fs.writeFileSync(String(args.json), JSON.stringify(results, null, 2));
}

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  const args = parseArgs(rest);
  const dirs = String(args.data ?? '').split(',').filter(Boolean);
  const cache = String(args.cache ?? defaultCacheRoot());
  if (cmd === 'extract') await extract(dirs, cache);
  else if (cmd === 'cv') await cv(dirs, cache, args);
  else throw new Error('usage: ml-ablation extract|cv --data DIR[,DIR]');
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
}
