/** Messages between the InferencePool and its worker threads. */
import type { Augmentation } from './augment';
import type { SerializedError } from './errors';
import type { TfRuntimeInfo } from './tf-runtime';

export type PoolRequest =
  | { type: 'setModel'; reqId: number; modelId: string; bytes: Uint8Array }
  | { type: 'predict'; reqId: number; modelId: string | null; bytes: Uint8Array }
  | { type: 'extract'; reqId: number; bytes: Uint8Array; augmentation?: Augmentation }
  | { type: 'crash'; reqId: number };

export type PoolResponse =
  | { type: 'ready'; runtime: TfRuntimeInfo; loadMs: number; featureVersion: string; featureDim: number }
  | { type: 'fatal'; error: SerializedError }
  | { type: 'result'; reqId: number; ok: true; value: unknown }
  | { type: 'result'; reqId: number; ok: false; error: SerializedError };
