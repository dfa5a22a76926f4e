/**
 * tfjs runtime: the wasm backend, initialised once per thread and asserted (never a silent CPU fallback).
 * Model files are read from npm packages on disk (require.resolve), never fetched.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { EngineError } from './errors';

export { tf };

export interface TfRuntimeInfo {
  backend: string;
  simd: boolean;
  threads: boolean;
  version: string;
}

let ready: Promise<TfRuntimeInfo> | null = null;

/** Initialises tfjs with the wasm backend (idempotent) and asserts it is active. */
export function initTf(): Promise<TfRuntimeInfo> {
  if (!ready) {
    ready = (async () => {
      const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
      setWasmPaths(wasmDir);
      // Keep tfjs quiet on stdout (CLIs print JSON there).
      tf.env().set('IS_TEST', false);
      const ok = await tf.setBackend('wasm');
      await tf.ready();
      if (!ok || tf.getBackend() !== 'wasm') {
        throw new EngineError(`tfjs backend is "${tf.getBackend()}", expected "wasm"`, 'backend');
      }
      tf.enableProdMode();
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
      return { backend: tf.getBackend(), simd, threads, version: tf.version.tfjs };
    })();
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

/** Resolves a file inside an npm package (works from ts under jest and from dist). */
export function packageFile(pkg: string, ...parts: string[]): string {
  let root: string;
  try {
    root = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    // packages whose "exports" hide package.json (nsfwjs): walk up from the main entry
    let dir = path.dirname(require.resolve(pkg));
    while (path.basename(dir) !== pkg.split('/').pop() && path.dirname(dir) !== dir) dir = path.dirname(dir);
    root = dir;
  }
  return path.join(root, ...parts);
}

export function toArrayBuffer(b: Buffer | Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
