/**
 * `npm run bench:api` — end-to-end latency of POST /api/predictions through the real API (multipart upload,
 * validation, engine, GridFS, Mongo) at concurrency 1, 4 and 16 with a 500×375 JPEG, compared with the
 * engine's own latency on the same image in the same run. Prints JSON.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { InferencePool } from '../ml';
import { parseArgs } from './args';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '..', '..', '..');


async function benchImage(): Promise<Buffer> {
  const dir = path.join(ROOT, '..', 'shared', 'data', 'oxford-pets-sample', 'images');
  const candidates = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f)) : [];
  const src = candidates.length
    ? fs.readFileSync(path.join(dir, candidates[0]))
    : await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 110, b: 130 } } }).jpeg().toBuffer();
  return sharp(src).resize(500, 375, { fit: 'cover' }).jpeg({ quality: 88 }).toBuffer();
}

function multipart(image: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="cat.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, image, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const duration = Number(args.duration ?? 10);
  const image = await benchImage();
  const port = await freePort();
  const db = `bench_api_${Date.now()}`;
  const baseMongo = (process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/cat_identifier').replace(/\/[^/]*$/, '');
  const basePg = (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cat_identifier').replace(/\/[^/]*$/, '');
  const pg = new Client({ connectionString: `${basePg}/postgres` });
  await pg.connect();
  await pg.query(`CREATE DATABASE "${db}"`);

  const env = {
    ...process.env,
    PROCESS_ROLE: 'api',
    NODE_ENV: 'test',
    PORT: String(port),
    MONGO_URL: `${baseMongo}/${db}`,
    DATABASE_URL: `${basePg}/${db}`,
    QUEUE_PREFIX: db,
    PREDICTION_RATE_LIMIT_PER_MINUTE: '1000000',
    ADMIN_USERNAME: 'bench-admin',
    ADMIN_PASSWORD: 'bench admin password',
    FRONTEND_DIST: '/nonexistent',
  };
  const api = spawn(process.execPath, [path.join(__dirname, '..', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 240) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
    const { body, contentType } = multipart(image);
    // warm-up
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${url}/api/predictions`, { method: 'POST', headers: { 'content-type': contentType }, body });
      if (res.status !== 201) throw new Error(`warm-up prediction failed: ${res.status} ${await res.text()}`);
    }
    const results: Record<string, unknown> = {};
    for (const connections of [1, 4, 16]) {
      const r = await autocannon({
        url: `${url}/api/predictions`,
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
        connections,
        duration,
      });
      results[`c${connections}`] = {
        p50Ms: r.latency.p50,
        p95Ms: (r.latency as unknown as Record<string, number>).p97_5 ?? r.latency.p99,
        p99Ms: r.latency.p99,
        throughputPerSec: Math.round(r.requests.average * 10) / 10,
        requests: r.requests.total,
        errors: r.errors + r.timeouts + (r.non2xx ?? 0),
      };
    }

    // The engine's own latency on the same image, same machine, same run (one worker, sequential).
    const pool = await InferencePool.create({ workers: 1, maxPixels: 60_000_000 });
    const starter = fs.readFileSync(path.join(ROOT, 'backend', 'models', 'starter.model'));
    await pool.setModel('starter', starter);
    for (let i = 0; i < 5; i++) await pool.predict(image);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await pool.predict(image);
      times.push(performance.now() - t0);
    }
    await pool.close();
    times.sort((a, b) => a - b);
    const engineP50 = Math.round(percentile(times, 50) * 10) / 10;
    const c1 = results.c1 as { p50Ms: number };
    console.log(
      JSON.stringify(
        {
          image: '500x375 JPEG',
          durationSecondsPerLevel: duration,
          ...results,
          engine: { p50Ms: engineP50, p95Ms: Math.round(percentile(times, 95) * 10) / 10 },
          ratioP50: Math.round((c1.p50Ms / engineP50) * 100) / 100,
          note: 'p95Ms is autocannon p97.5 (autocannon does not report p95)',
        },
        null,
        2,
      ),
    );
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await pg.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined);
    await pg.end();
    const { MongoClient } = await import('mongodb');
    const m = new MongoClient(`${baseMongo}/${db}`);
    await m.connect();
    await m.db().dropDatabase();
    await m.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
