/**
 * InferencePool: worker_threads, each owning a tfjs-wasm engine (backend asserted at start), least-busy
 * dispatch, model switches broadcast to every worker without failing requests already in flight, and a
 * crashed worker replaced (its in-flight requests rejected with EngineError('worker_crashed')).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { deserializeArtefact } from './artefact';
import type { Augmentation } from './augment';
import { assertCompatible } from './engine';
import { deserializeError, EngineError } from './errors';
import { DEFAULT_LIMITS, inspectImage, type ImageLimits } from './image-io';
import type { PoolRequest, PoolResponse } from './pool-protocol';
import type { TfRuntimeInfo } from './tf-runtime';
import type { PhenotypePrediction } from './types';

export interface PoolOptions {
  workers: number;
  maxPixels: number;
  maxBytes?: number;
  /** reject a request that takes longer than this (ms); 0 = no timeout */
  timeoutMs?: number;
}

type WithoutReqId<T> = T extends unknown ? Omit<T, 'reqId'> : never;
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout | null };

interface Slot {
  worker: Worker;
  inflight: Map<number, Pending>;
  ready: Promise<void>;
  runtime: TfRuntimeInfo | null;
  featureVersion: string | null;
  featureDim: number;
  loadMs: number;
}

/** In dist the worker is plain JS; under ts (jest) it is transpiled on the fly with @swc/core (a dev dependency). */
function workerEntry(): { file: string; eval: boolean } {
  const js = path.join(__dirname, 'pool-worker.js');
  if (fs.existsSync(js)) return { file: js, eval: false };
  const ts = path.join(__dirname, 'pool-worker.ts');
  const swc = require.resolve('@swc/core');
  const code = `
const fs = require('fs');
const swc = require(${JSON.stringify(swc)});
require.extensions['.ts'] = (m, f) => {
  const out = swc.transformSync(fs.readFileSync(f, 'utf8'), { filename: f, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: false });
  m._compile(out.code, f);
};
require(${JSON.stringify(ts)});`;
  return { file: code, eval: true };
}

export class InferencePool {
  private slots: Slot[] = [];
  private nextReq = 1;
  private currentModel: { id: string; bytes: Buffer } | null = null;
  private closed = false;
  private readonly limits: ImageLimits;

  private constructor(private readonly opts: PoolOptions) {
    this.limits = { maxPixels: opts.maxPixels, maxBytes: opts.maxBytes ?? DEFAULT_LIMITS.maxBytes };
  }

  static async create(opts: PoolOptions): Promise<InferencePool> {
    if (!(opts.workers >= 1)) throw new EngineError('an inference pool needs at least one worker', 'internal');
    const pool = new InferencePool(opts);
    pool.slots = Array.from({ length: opts.workers }, () => pool.spawn());
    try {
      await Promise.all(pool.slots.map((s) => s.ready));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get modelId(): string | null {
    return this.currentModel?.id ?? null;
  }

  get size(): number {
    return this.slots.length;
  }

  /** tfjs runtime of the workers (backend is always 'wasm'), the feature version and the slowest load time. */
  get info(): { runtime: TfRuntimeInfo | null; featureVersion: string | null; featureDim: number; maxLoadMs: number } {
    const s = this.slots[0];
    return { runtime: s?.runtime ?? null, featureVersion: s?.featureVersion ?? null, featureDim: s?.featureDim ?? 0, maxLoadMs: Math.max(0, ...this.slots.map((x) => x.loadMs)) };
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const options: WorkerOptions = { eval: entry.eval, workerData: { limits: this.limits } };
    const worker = new Worker(entry.file, options);
    let readyResolve!: () => void;
    let readyReject!: (e: Error) => void;
    const slot: Slot = {
      worker,
      inflight: new Map(),
      ready: new Promise<void>((res, rej) => {
        readyResolve = res;
        readyReject = rej;
      }),
      runtime: null,
      featureVersion: null,
      featureDim: 0,
      loadMs: 0,
    };
    slot.ready.catch(() => undefined);
    worker.on('message', (m: PoolResponse) => {
      if (m.type === 'ready') {
        if (m.runtime.backend !== 'wasm') {
          readyReject(new EngineError(`worker tfjs backend is ${m.runtime.backend}, expected wasm`, 'backend'));
          return;
        }
        Object.assign(slot, { runtime: m.runtime, featureVersion: m.featureVersion, featureDim: m.featureDim, loadMs: m.loadMs });
        readyResolve();
      } else if (m.type === 'fatal') {
        readyReject(deserializeError(m.error));
      } else if (m.type === 'result') {
        const p = slot.inflight.get(m.reqId);
        if (!p) return;
        slot.inflight.delete(m.reqId);
        if (p.timer) clearTimeout(p.timer);
        if (m.ok) p.resolve(m.value);
        else p.reject(deserializeError(m.error));
      }
    });
    const onDeath = (why: string) => {
      readyReject(new EngineError(`inference worker failed to start: ${why}`, 'worker_crashed'));
      for (const p of slot.inflight.values()) {
        if (p.timer) clearTimeout(p.timer);
        p.reject(new EngineError(`inference worker crashed (${why}); please retry`, 'worker_crashed'));
      }
      slot.inflight.clear();
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i >= 0) {
        const fresh = this.spawn();
        this.slots[i] = fresh;
        void fresh.ready.then(() => this.currentModel && this.sendTo(fresh, { type: 'setModel', modelId: this.currentModel.id, bytes: new Uint8Array(this.currentModel.bytes) }).catch(() => undefined)).catch(() => undefined);
      }
    };
    worker.on('error', (e) => onDeath(e.message));
    worker.on('exit', (code) => {
      if (code !== 0 || slot.inflight.size) onDeath(`exit code ${code}`);
    });
    return slot;
  }

  private sendTo(slot: Slot, req: WithoutReqId<PoolRequest>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const reqId = this.nextReq++;
      const timer =
        this.opts.timeoutMs && req.type !== 'setModel'
          ? setTimeout(() => {
              slot.inflight.delete(reqId);
              reject(new EngineError(`inference took longer than ${this.opts.timeoutMs} ms`, 'internal'));
            }, this.opts.timeoutMs)
          : null;
      slot.inflight.set(reqId, { resolve, reject, timer });
      slot.worker.postMessage({ ...req, reqId } as PoolRequest);
    });
  }

  private async leastBusy(): Promise<Slot> {
    if (this.closed) throw new EngineError('the inference pool is closed', 'closed');
    let best = this.slots[0];
    for (const s of this.slots) if (s.inflight.size < best.inflight.size) best = s;
    await best.ready;
    return best;
  }

  /** Validates the artefact, loads it in every worker, then makes it the active model. */
  async setModel(modelId: string, artefactBytes: Buffer): Promise<void> {
    if (this.closed) throw new EngineError('the inference pool is closed', 'closed');
    const a = deserializeArtefact(artefactBytes);
    const { featureVersion, featureDim } = this.info;
    if (featureVersion) assertCompatible(a, featureVersion, featureDim);
    await Promise.all(
      this.slots.map(async (s) => {
        await s.ready;
        await this.sendTo(s, { type: 'setModel', modelId, bytes: new Uint8Array(artefactBytes) });
      }),
    );
    this.currentModel = { id: modelId, bytes: Buffer.from(artefactBytes) };
  }

  async predict(image: Buffer): Promise<PhenotypePrediction & { modelId: string }> {
    if (!this.currentModel) throw new EngineError('no model is loaded; activate a model first', 'no_model');
    await inspectImage(image, this.limits); // cheap header check before crossing threads
    const slot = await this.leastBusy();
    const r = (await this.sendTo(slot, { type: 'predict', modelId: this.currentModel.id, bytes: new Uint8Array(image) })) as PhenotypePrediction & {
      modelId: string;
      timings?: unknown;
    };
    delete r.timings;
    return r;
  }

  /** Features of the image, or of a synthetic training copy of it (augment.ts). */
  async extractFeatures(image: Buffer, augmentation?: Augmentation): Promise<Float32Array> {
    await inspectImage(image, this.limits);
    const slot = await this.leastBusy();
    const f = (await this.sendTo(slot, { type: 'extract', bytes: new Uint8Array(image), augmentation })) as Float32Array;
    return new Float32Array(f.buffer, f.byteOffset, f.length); // a Float32Array of this realm
  }

  /** Test hook: makes one worker exit abruptly while `pending` requests may be in flight. */
  async crashOneWorkerForTest(): Promise<void> {
    const s = this.slots[0];
    await s.ready;
    s.worker.postMessage({ type: 'crash', reqId: 0 } as PoolRequest);
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) {
      for (const p of s.inflight.values()) {
        if (p.timer) clearTimeout(p.timer);
        p.reject(new EngineError('the inference pool was closed', 'closed'));
      }
      s.inflight.clear();
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
