/** Worker thread of the InferencePool: owns one tfjs-wasm PhenotypeEngine and answers the pool's messages. */
import { parentPort, workerData } from 'node:worker_threads';
import { PhenotypeEngine } from './engine';
import { serializeError } from './errors';
import type { ImageLimits } from './image-io';
import { initTf } from './tf-runtime';
import type { PoolRequest, PoolResponse } from './pool-protocol';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pool-worker must run in a worker thread');
  const { limits } = workerData as { limits: ImageLimits };
  const send = (m: PoolResponse, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  let engine: PhenotypeEngine;
  try {
    const t0 = performance.now();
    engine = await PhenotypeEngine.create(limits);
    const runtime = await initTf();
    send({ type: 'ready', runtime, loadMs: performance.now() - t0, featureVersion: engine.extractor.version, featureDim: engine.extractor.dim });
  } catch (err) {
    send({ type: 'fatal', error: serializeError(err) });
    return;
  }
  port.on('message', async (m: PoolRequest) => {
    try {
      if (m.type === 'setModel') {
        engine.setModel(m.modelId, Buffer.from(m.bytes));
        send({ type: 'result', reqId: m.reqId, ok: true, value: null });
      } else if (m.type === 'predict') {
        const r = await engine.predict(Buffer.from(m.bytes), m.modelId ?? undefined);
        send({ type: 'result', reqId: m.reqId, ok: true, value: r });
      } else if (m.type === 'extract') {
        const f = await engine.extractFeatures(Buffer.from(m.bytes), m.augmentation);
        send({ type: 'result', reqId: m.reqId, ok: true, value: f }, [f.buffer as ArrayBuffer]);
      } else if (m.type === 'crash') {
        // test hook: simulates a native crash of this thread
        process.exit(70);
      }
    } catch (err) {
      send({ type: 'result', reqId: m.reqId, ok: false, error: serializeError(err) });
    }
  });
}

void main();
