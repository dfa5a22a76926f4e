/**
 * Integration-test harness: boots the real Nest API (and, when asked, the real worker process) against
 * the FerretDB / PostgreSQL / Redis servers started by scripts/test.sh, with a database name, a
 * Postgres database and a queue prefix of its own per spec file. Nothing here is mocked.
 */
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';

export const TEST_MONGO_URL = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN = { username: 'test-admin', password: 'correct horse battery staple' };

export interface TestEnv {
  name: string;
  env: Record<string, string>;
}

/** A unique set of databases and queue prefix; writes them into process.env so loadConfig() sees them. */
export async function createTestEnv(label: string, extra: Record<string, string> = {}): Promise<TestEnv> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    MONGO_URL: `${TEST_MONGO_URL}/${name}`,
    DATABASE_URL: `${TEST_DATABASE_URL}/${name}`,
    REDIS_URL,
    QUEUE_PREFIX: name,
    JWT_SECRET: 'integration-test-secret-0123456789abcdef',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    ML_WORKERS: '1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    PREDICTION_RATE_LIMIT_PER_MINUTE: '10000',
    FRONTEND_DIST: '/nonexistent',
    ...extra,
  };
  Object.assign(process.env, env);
  return { name, env };
}

export async function dropTestEnv(t: TestEnv): Promise<void> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(t.env.MONGO_URL);
  try {
    await client.connect();
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
  await pgAdmin(`DROP DATABASE IF EXISTS "${t.name}" WITH (FORCE)`);
}

async function pgAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${TEST_DATABASE_URL}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestApp {
  app: INestApplication;
  http: () => TestAgent;
  env: TestEnv;
  /** A valid access token of the seeded admin. */
  adminToken: () => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Boots the API like main.ts does (same global prefix, pipes, filter; first admin; starter model when
 * `withEngine`). Call close() in afterAll.
 */
export async function startTestApp(label: string, opts: { withEngine?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const env = await createTestEnv(label, opts.env);
  const { createApi, prepareApi } = await import('../../src/bootstrap');
  const app = await createApi({ logger: ['error'] });
  await app.init();
  if (opts.withEngine) {
    await prepareApi(app);
  } else {
    const { UsersService } = await import('../../src/modules/users/users.service');
    await app.get(UsersService).ensureFirstAdmin(ADMIN.username, ADMIN.password);
  }
  const server = app.getHttpServer();
  let token: string | null = null;
  return {
    app,
    env,
    http: () => request(server),
    adminToken: async () => {
      if (!token) {
        const res = await request(server).post('/api/auth/login').send(ADMIN).expect(200);
        token = res.body.accessToken as string;
      }
      return token!;
    },
    close: async () => {
      await app.close();
      await dropTestEnv(env);
    },
  };
}

/** The worker as a real separate process (compiled backend/dist/worker.js), sharing the test env. */
export function startWorkerProcess(env: TestEnv): { child: ChildProcess; stop: () => Promise<void>; output: () => string } {
  const workerJs = path.resolve(__dirname, '..', '..', 'dist', 'worker.js');
  let out = '';
  const child = spawn(process.execPath, [workerJs], {
    env: { ...process.env, ...env.env, PROCESS_ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** The worker inside this test process (faster; for specs that do not need process isolation). */
export async function startInProcessWorker(): Promise<INestApplicationContext> {
  const { WorkerModule } = await import('../../src/worker.module');
  const prev = process.env.PROCESS_ROLE;
  process.env.PROCESS_ROLE = 'worker';
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  process.env.PROCESS_ROLE = prev;
  return ctx;
}

/** Polls GET /api/admin/jobs/:id until the job ends (or the timeout passes). */
export async function waitForJob(t: TestApp, jobId: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  const token = await t.adminToken();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/admin/jobs/${jobId}`).set('Authorization', `Bearer ${token}`);
    if (res.status === 200 && ['completed', 'failed', 'cancelled'].includes(res.body.state)) return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
