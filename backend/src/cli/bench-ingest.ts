/**
 * `npm run bench:ingest` — ingest throughput of the training-images module against the dev services:
 *  1. ZIP import of 500 photo-sized JPEGs (~1.9 MP, photographic-like: smooth shapes + sensor noise) through the
 *     same ImportRunner the import job uses: streaming unzip, content validation, SHA-256 dedupe, GridFS original +
 *     thumbnail, record, and the ComputeFeatures hand-off enqueue. Reports images/s (and this process's CPU seconds,
 *     which a busy machine stretches much less than the wall time).
 *  2. Bulk label of 10,000 records matched by a filter (one request's service call). Reports milliseconds.
 * Uses its own database (MONGO_URL's server, db `bench_ingest_<random>`) and queue prefix, both removed afterwards.
 * Prints JSON.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import JSZip from 'jszip';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { syntheticTrainingImage } from './bench-fixtures';

const N_IMAGES = Number(process.env.BENCH_INGEST_IMAGES ?? 500);
const N_BULK = Number(process.env.BENCH_INGEST_BULK ?? 10_000);

async function photoLike(seed: number): Promise<Buffer> {
  // a few soft blobs of colour on a gradient, upscaled, plus per-pixel noise like a camera sensor
  const w = 1600;
  const h = 1200;
  let s = seed * 2654435761 || 1;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const small = Buffer.alloc(32 * 24 * 3);
  for (let i = 0; i < small.length; i++) small[i] = Math.floor(60 + rnd() * 140);
  const base = await sharp(small, { raw: { width: 32, height: 24, channels: 3 } }).resize(w, h, { kernel: 'cubic' }).blur(8).raw().toBuffer();
  for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, base[i] + Math.floor((rnd() - 0.5) * 24)));
  return sharp(base, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 88 }).toBuffer();
}

async function main(): Promise<void> {
  const mongoBase = new URL(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/cat_identifier');
  const dbName = `bench_ingest_${randomBytes(4).toString('hex')}`;
  mongoBase.pathname = `/${dbName}`;
  process.env.MONGO_URL = mongoBase.toString();
  process.env.QUEUE_PREFIX = dbName;
  process.env.PROCESS_ROLE = 'cli';
  const spool = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-ingest-'));
  process.env.UPLOAD_SPOOL_DIR = spool;

  const { ConfigModule, APP_CONFIG } = await import('../config/config.module');
  const { MongoModule } = await import('../infra/mongo/mongo.module');
  const { QueueModule } = await import('../infra/queue/queue.module');
  const { JobName, QueueName } = await import('../infra/queue/queues');
  const { ImagesModule } = await import('../modules/images/images.module');
  const { TrainingImagesService } = await import('../modules/images/training-images.service');
  const { TrainingImagesRepository } = await import('../modules/images/training-images.repository');
  const { ImagesAdminService } = await import('../modules/images/images-admin.service');
  const { ImportRunner } = await import('../modules/images/import-runner');

  @Module({ imports: [ConfigModule, MongoModule, QueueModule, ImagesModule] })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const out: Record<string, unknown> = { database: dbName };
  try {
    // -------- 1. ZIP import
    const genStart = Date.now();
    const bases = await Promise.all(Array.from({ length: 25 }, (_, i) => photoLike(i + 1)));
    const zip = new JSZip();
    let bytes = 0;
    for (let i = 0; i < N_IMAGES; i++) {
      // same pixels, distinct files: a trailing marker after the JPEG end (ignored by decoders) changes the SHA-256
      const img = Buffer.concat([bases[i % bases.length], Buffer.from(`bench-${i}`)]);
      bytes += img.length;
      zip.file(`${i % 2 ? 'blue' : 'not-cat'}/img-${i}.jpg`, img, { compression: 'STORE' });
    }
    const zipPath = path.join(spool, 'bench.zip');
    await fs.writeFile(zipPath, await zip.generateAsync({ type: 'nodebuffer' }));
    const meta = await sharp(bases[0]).metadata();
    out.generation = { seconds: (Date.now() - genStart) / 1000 };

    const config = app.get(APP_CONFIG);
    const features = app.get<Queue>(getQueueToken(QueueName.Features));
    let handedOff = 0;
    const runner = new ImportRunner(
      app.get(TrainingImagesService),
      config,
      {
        progress: async () => undefined,
        checkCancelled: async () => undefined,
        imported: async (imageIds) => {
          handedOff += imageIds.length;
          await features.add(JobName.ComputeFeatures, { imageIds }, { jobId: `bench-${handedOff}` });
        },
      },
      { source: 'zip', userId: 'bench' },
    );
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const load0 = os.loadavg()[0];
    const result = await runner.runZip(zipPath, 'bench.zip');
    const seconds = (Date.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    out.zipImport = {
      images: N_IMAGES,
      imageSize: `${meta.width}x${meta.height}`,
      averageJpegKB: Math.round(bytes / N_IMAGES / 1024),
      imported: result.imported,
      duplicates: result.duplicates,
      rejected: result.rejected.length,
      featureHandOff: handedOff,
      seconds,
      imagesPerSecond: Math.round((result.imported / seconds) * 10) / 10,
      // this process only (main thread + sharp's threads), not the database server: a busy machine stretches
      // the wall time, this much less
      nodeCpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      loadAverageAtStart: Math.round(load0 * 10) / 10,
      target: '>= 40 images/s',
    };

    // -------- 2. bulk label of 10,000 records matched by a filter
    const repo = app.get(TrainingImagesRepository);
    const now = Date.now();
    for (let i = 0; i < N_BULK; i += 2000) {
      await repo.insertMany(
        Array.from({ length: Math.min(2000, N_BULK - i) }, (_, j) =>
          syntheticTrainingImage({ sha256: `bulk${String(i + j).padStart(60, '0')}`, source: 'web-search', at: new Date(now) }),
        ),
      );
    }
    const admin = app.get(ImagesAdminService);
    const loadBulk = os.loadavg()[0];
    const t1 = Date.now();
    const res = await admin.bulkLabel({ filter: { source: 'web-search' }, label: { colour: 'lilac', pattern: 'self' } } as never, 'bench');
    out.bulkLabel = { records: N_BULK, matched: res.matched, modified: res.modified, milliseconds: Date.now() - t1, loadAverageAtStart: Math.round(loadBulk * 10) / 10, target: '<= 1000 ms' };
    const info = await (app.get(TrainingImagesRepository) as unknown as { images: { db: { db: { admin(): { command(c: object): Promise<Record<string, unknown>> } } } } }).images.db.db
      .admin()
      .command({ buildInfo: 1 });
    out.server = info.ferretdbVersion ? `FerretDB ${String(info.ferretdbVersion)}` : `MongoDB ${String(info.version)}`;
    out.cpus = os.cpus().length;
    out.loadAverage = os.loadavg().map((l) => Math.round(l * 10) / 10);
    await features.obliterate({ force: true }).catch(() => undefined);
  } finally {
    const { getConnectionToken } = await import('@nestjs/mongoose');
    await app.get<{ dropDatabase(): Promise<unknown> }>(getConnectionToken()).dropDatabase().catch(() => undefined);
    await app.close();
    await fs.rm(spool, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench:ingest failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
