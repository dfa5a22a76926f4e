/**
 * npm run bench:predict [-- --workers 2] [--runs 40] [--json OUT]
 * Per-image latency through the worker pool (3000x2000 and 500x375 JPEG), throughput with all workers, and in
 * the same run the floor: sharp decode+resize alone and one backbone (detector) forward pass alone on the same
 * image, interleaved with the latency requests so both see the same machine load; ratio = large.p50Ms /
 * floor.totalMs. loadAverage is printed before and after (the machine is shared). Images are a real cat photo from ../shared/data when present
 * (upscaled), otherwise a synthetic one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { loadStarterArtefact } from '../ml/artefact';
import { FeatureExtractor } from '../ml/features';
import { decodeRgb, DEFAULT_LIMITS } from '../ml/image-io';
import { InferencePool } from '../ml/pool';
import { parseArgs } from './ml-args';
import { output, runMain } from './ml-common';

function pct(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10;
}

async function sourcePhoto(): Promise<{ bytes: Buffer; origin: string }> {
  const candidates = [
    path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'oxford-pets-sample', 'images', 'British_Shorthair_1.jpg'),
    path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'oxford-pets-sample', 'images'),
  ];
  for (const c of candidates) {
    if (!fs.existsSync(c)) continue;
    const file = fs.statSync(c).isDirectory() ? path.join(c, fs.readdirSync(c).filter((f) => /^[A-Z].*\.jpg$/.test(f)).sort()[0]) : c;
    return { bytes: fs.readFileSync(file), origin: path.basename(file) };
  }
  // synthetic: smooth colour field + noise, so JPEG coding cost is realistic
  const w = 600;
  const h = 400;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      raw[i] = (x * 255) / w + Math.random() * 30;
      raw[i + 1] = (y * 255) / h + Math.random() * 30;
      raw[i + 2] = 128 + Math.random() * 60;
    }
  return { bytes: await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer(), origin: 'synthetic' };
}

async function jpegOf(src: Buffer, w: number, h: number): Promise<Buffer> {
  return sharp(src).resize(w, h, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer();
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  const workers = args.workers ? Number(args.workers) : Math.max(1, Math.min(2, os.cpus().length));
  const runs = args.runs ? Number(args.runs) : 40;
  const { bytes: photo, origin } = await sourcePhoto();
  const large = await jpegOf(photo, 3000, 2000);
  const small = await jpegOf(photo, 500, 375);

  const loadBefore = os.loadavg().map((v) => Math.round(v * 100) / 100);
  const rss0 = process.memoryUsage().rss;
  let t = performance.now();
  const pool = await InferencePool.create({ workers, maxPixels: DEFAULT_LIMITS.maxPixels });
  const poolStartMs = performance.now() - t;
  t = performance.now();
  await pool.setModel('starter', loadStarterArtefact());
  const setModelMs = performance.now() - t;

  // throughput first: keep every worker busy (2 requests queued per worker)
  for (let i = 0; i < 3; i++) await Promise.all([pool.predict(large), pool.predict(large)]); // warm-up
  const total = Math.max(40, runs * 2);
  let next = 0;
  t = performance.now();
  await Promise.all(
    Array.from({ length: workers * 2 }, async () => {
      while (next < total) {
        next++;
        await pool.predict(large);
      }
    }),
  );
  const throughputPerSec = Math.round((total / ((performance.now() - t) / 1000)) * 10) / 10;
  const rssMb = Math.round(process.memoryUsage().rss / 1048576);
  const rssPoolMb = Math.round((process.memoryUsage().rss - rss0) / 1048576);
  const info = pool.info;

  // Latency and the floor, interleaved so both see the same machine load: one request through the pool (its
  // workers then idle), then decode+resize alone and one backbone (detector) pass alone in this thread on the
  // same image. The pool is idle while the floor runs, so they never compete for the cores.
  const extractor = await FeatureExtractor.create();
  const img = await decodeRgb(large, extractor.config.decodeSide);
  for (let i = 0; i < 3; i++) await extractor.backboneOnly(img);
  const latency = async (image: Buffer, floor: { dec: number[]; bb: number[] } | null) => {
    for (let i = 0; i < 3; i++) await pool.predict(image); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      await pool.predict(image);
      ms.push(performance.now() - t0);
      if (!floor) continue;
      t0 = performance.now();
      await decodeRgb(image, extractor.config.decodeSide);
      floor.dec.push(performance.now() - t0);
      t0 = performance.now();
      await extractor.backboneOnly(img);
      floor.bb.push(performance.now() - t0);
    }
    return { p50Ms: pct(ms, 0.5), p95Ms: pct(ms, 0.95) };
  };
  const fl = { dec: [] as number[], bb: [] as number[] };
  const largeLat = await latency(large, fl);
  const smallLat = await latency(small, null);
  await pool.close();
  extractor.dispose();
  const floor = { decodeResizeMs: pct(fl.dec, 0.5), backboneMs: pct(fl.bb, 0.5), totalMs: Math.round((pct(fl.dec, 0.5) + pct(fl.bb, 0.5)) * 10) / 10 };
  output(
    {
      large: largeLat,
      small: smallLat,
      floor,
      ratio: Math.round((largeLat.p50Ms / floor.totalMs) * 100) / 100,
      throughputPerSec,
      workers,
      rssMb,
      rssPoolMb,
      modelLoadMs: Math.round(info.maxLoadMs + setModelMs),
      poolStartMs: Math.round(poolStartMs),
      setModelMs: Math.round(setModelMs),
      runtime: info.runtime,
      featureVersion: info.featureVersion,
      image: { source: origin, large: '3000x2000 JPEG q90', small: '500x375 JPEG q90', largeBytes: large.length, smallBytes: small.length },
      runs,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
      loadAverageBefore: loadBefore,
    },
    args.json,
  );
});
