/**
 * `npm run bench:train` — wall time of a training run end to end (POST /api/admin/training-runs → the real
 * worker process → model registered) on 5,000 labelled images whose features are already cached, then the
 * cold path: a few hundred generated images with no cached features (feature extraction images/s).
 * Uses a throw-away Mongo database, Postgres database and queue prefix. Prints JSON.
 *
 * Options: --images 5000  --cold 200  --epochs 200
 */
import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { Client } from 'pg';
import sharp from 'sharp';
import { COLOURS, FEATURE_VERSION, InferencePool, PATTERNS, PhenotypeLabel } from '../ml';
import { parseArgs } from './args';
import { freePort } from './free-port';
import { featureKey } from '../modules/engine/schemas/image-features.schema';

const ADMIN = { username: 'bench-admin', password: 'bench admin password 123' };


function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plausible labelled phenotype, with skewed colour frequencies like a real set. */
function randomLabel(r: () => number): PhenotypeLabel {
  if (r() < 0.06) return { is_cat: false, colour: null, pattern: null, is_tabby: null, is_pointed: null };
  const colours = COLOURS.slice();
  const colour = colours[Math.min(colours.length - 1, Math.floor(Math.pow(r(), 1.6) * colours.length))];
  return {
    is_cat: true,
    colour,
    pattern: PATTERNS[Math.floor(Math.pow(r(), 1.4) * PATTERNS.length)],
    is_tabby: r() < 0.25,
    is_pointed: r() < 0.12,
  };
}

/** Synthetic feature vector: noise plus a direction per trait value, so heads have something to learn. */
let FEATURE_DIM = 0;

function syntheticFeatures(label: PhenotypeLabel, r: () => number, dirs: Map<string, Float32Array>): Float32Array {
  const v = new Float32Array(FEATURE_DIM);
  for (let i = 0; i < v.length; i++) v[i] = (r() - 0.5) * 2;
  for (const [k, val] of Object.entries(label)) {
    if (val === null) continue;
    const key = `${k}=${String(val)}`;
    let d = dirs.get(key);
    if (!d) {
      const dr = rng(dirs.size * 7919 + 13);
      d = new Float32Array(FEATURE_DIM);
      for (let i = 0; i < d.length; i++) d[i] = (dr() - 0.5) * 2.4;
      dirs.set(key, d);
    }
    for (let i = 0; i < v.length; i++) v[i] += d[i];
  }
  return v;
}

async function generatedJpeg(seed: number, rgb: [number, number, number]): Promise<Buffer> {
  const w = 320;
  const h = 240;
  const raw = Buffer.alloc(w * h * 3);
  let s = seed * 7919 + 1;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = Math.max(0, Math.min(255, rgb[i % 3] + ((s >> 8) % 61) - 30));
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const nImages = Number(args.images ?? 5000);
  const nCold = Number(args.cold ?? 200);
  const maxEpochs = Number(args.epochs ?? 200);
  const name = `bench_train_${Date.now()}`;
  const baseMongo = (process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/cat_identifier').replace(/\/[^/]*$/, '');
  const basePg = (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cat_identifier').replace(/\/[^/]*$/, '');
  const pg = new Client({ connectionString: `${basePg}/postgres` });
  await pg.connect();
  await pg.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  const env: Record<string, string> = {
    MONGO_URL: `${baseMongo}/${name}`,
    DATABASE_URL: `${basePg}/${name}`,
    QUEUE_PREFIX: name,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    FRONTEND_DIST: '/nonexistent',
  };
  Object.assign(process.env, env, { PROCESS_ROLE: 'api' });

  let app: INestApplication | null = null;
  let worker: ChildProcess | null = null;
  let workerLog = '';
  const mongo = new MongoClient(env.MONGO_URL);
  try {
    const { createApi } = await import('../bootstrap');
    const { UsersService } = await import('../modules/users/users.service');
    const { TrainingImagesService } = await import('../modules/images/training-images.service');
    app = await createApi({ logger: ['error'] });
    await app.init();
    await app.get(UsersService).ensureFirstAdmin(ADMIN.username, ADMIN.password);
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}/api`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const auth = { Authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // The real extractor's vector length (synthetic vectors must match what the worker computes for new images).
    const probe = await InferencePool.create({ workers: 1, maxPixels: 50_000_000 });
    FEATURE_DIM = (await probe.extractFeatures(await generatedJpeg(999_999, [120, 130, 150]))).length;
    await probe.close();

    // 1. Synthesise 5,000 labelled training images with cached features (no image bytes needed).
    await mongo.connect();
    const db = mongo.db();
    const r = rng(42);
    const dirs = new Map<string, Float32Array>();
    const seedStarted = Date.now();
    const now = new Date();
    for (let i = 0; i < nImages; i += 500) {
      const imgs = [];
      const feats = [];
      for (let j = i; j < Math.min(nImages, i + 500); j++) {
        const label = randomLabel(r);
        const sha = createHash('sha256').update(`bench-${name}-${j}`).digest('hex');
        const v = syntheticFeatures(label, r, dirs);
        imgs.push({
          _id: new ObjectId(), sha256: sha, blobId: new ObjectId().toHexString(), thumbBlobId: null, ownsBlobs: false, width: 320, height: 240,
          format: 'jpeg', source: 'upload', label, isLabelled: true, labelledBy: 'bench', labelledAt: now, originalName: `bench-${j}.jpg`,
          web: null, predictionId: null, createdBy: 'bench', createdAt: now, updatedAt: now,
        });
        feats.push({ _id: featureKey(FEATURE_VERSION, sha) as unknown as ObjectId, sha256: sha, featureVersion: FEATURE_VERSION, vector: Buffer.from(v.buffer), createdAt: now });
      }
      await db.collection('training_images').insertMany(imgs);
      await db.collection('image_feature_cache').insertMany(feats);
    }
    const seedMs = Date.now() - seedStarted;

    worker = spawn(process.execPath, [path.join(__dirname, '..', 'worker.js')], { env: { ...process.env, PROCESS_ROLE: 'worker' }, stdio: ['ignore', 'pipe', 'pipe'] });
    worker.stdout!.on('data', (d) => (workerLog += d.toString()));
    worker.stderr!.on('data', (d) => (workerLog += d.toString()));

    const runOnce = async (label: string) => {
      const started = Date.now();
      const res = await fetch(`${base}/admin/training-runs`, { method: 'POST', headers: auth, body: JSON.stringify({ maxEpochs, seed: 7, name: `bench ${label}` }) });
      if (res.status !== 201) throw new Error(`start failed: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      let run: Record<string, any>;
      for (;;) {
        run = (await (await fetch(`${base}/admin/training-runs/${id}`, { headers: auth })).json()) as Record<string, any>;
        if (['completed', 'failed', 'cancelled'].includes(run.state)) break;
        if (Date.now() - started > 30 * 60_000) throw new Error('run took more than 30 minutes');
        await new Promise((res2) => setTimeout(res2, 200));
      }
      const wallMs = Date.now() - started;
      if (run.state !== 'completed') throw new Error(`run ${label} ended ${run.state}: ${run.error}\n${workerLog.slice(-2000)}`);
      const logs = (await (await fetch(`${base}/admin/training-runs/${id}/logs`, { headers: auth })).json()) as Array<{ timestamp: string; message: string }>;
      const at = (re: RegExp) => logs.find((l) => re.test(l.message))?.timestamp;
      const span = (a: RegExp, b: RegExp) => {
        const x = at(a);
        const y = at(b);
        return x && y ? (Date.parse(y) - Date.parse(x)) / 1000 : null;
      };
      const computed = logs.map((l) => /Computed features for (\d+) images in ([\d.]+) s/.exec(l.message)).find(Boolean);
      return {
        wallSeconds: +(wallMs / 1000).toFixed(1),
        images: run.datasetSummary?.total,
        featuresCached: run.datasetSummary?.featuresCached,
        featuresComputed: run.datasetSummary?.featuresComputed,
        extraction: computed ? { images: Number(computed[1]), seconds: Number(computed[2]), imagesPerSecond: +(Number(computed[1]) / Number(computed[2])).toFixed(2) } : null,
        stageSeconds: {
          queueAndSnapshot: +((Date.parse(at(/^Froze the labelled set/) ?? run.createdAt) - Date.parse(run.createdAt)) / 1000).toFixed(1),
          features: span(/^Features:/, /^Fitting heads/),
          fitHeads: span(/^Fitting heads/, /^Test /),
          evaluateSaveRegister: span(/^Test /, /^Registered model/),
        },
        epochsRecorded: run.epochs?.length,
        testAccuracy: Object.fromEntries(Object.entries(run.metrics ?? {}).map(([t, m]) => [t, (m as Record<string, number>).accuracy])),
      };
    };

    const cached = await runOnce('cached');

    // 2. Cold features: a few hundred generated photos with nothing cached, imported through the images module.
    const images = app.get(TrainingImagesService);
    const palette: Record<string, [number, number, number]> = { black: [25, 25, 28], blue: [120, 130, 150], red: [200, 110, 40], cream: [230, 205, 160] };
    const keys = Object.keys(palette);
    for (let i = 0; i < nCold; i++) {
      const colour = keys[i % keys.length];
      await images.importImage(await generatedJpeg(i + 1, palette[colour]), {
        source: 'upload', originalName: `cold-${i}.jpg`, label: { is_cat: true, colour: colour as PhenotypeLabel['colour'] }, userId: 'bench',
      });
    }
    const cold = await runOnce('cold');

    const out = {
      benchmark: 'train',
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      mlWorkers: Number(process.env.ML_WORKERS ?? 2),
      featureVersion: FEATURE_VERSION,
      featureDim: FEATURE_DIM,
      maxEpochs,
      cachedFeatures: { targetSeconds: 90, withinTarget: cached.wallSeconds <= 90, seedSeconds: +(seedMs / 1000).toFixed(1), ...cached },
      coldFeatures: { newImages: nCold, ...cold },
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } catch (err) {
    // eslint-disable-next-line no-console
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  } finally {
    // Clean-up must never keep the benchmark from exiting.
    setTimeout(() => process.exit(process.exitCode ?? 0), 30_000).unref();
    if (worker && worker.exitCode === null) {
      await new Promise<void>((resolve) => {
        worker!.once('exit', () => resolve());
        worker!.kill('SIGTERM');
        setTimeout(() => worker!.kill('SIGKILL'), 5000).unref();
      });
    }
    await app?.close().catch(() => undefined);
    await mongo.db().dropDatabase().catch(() => undefined);
    await mongo.close().catch(() => undefined);
    await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await pg.end();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    // eslint-disable-next-line no-console
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
