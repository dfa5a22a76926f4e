/** Typed errors of the phenotype engine. The API maps ImageInputError and LabelError to 4xx, EngineError to 5xx. */

export type ImageInputErrorCode = 'empty' | 'unsupported_type' | 'corrupt' | 'too_many_pixels' | 'too_large';

/** The uploaded bytes are not an image we accept (the caller's fault: map to 400/413/415/422). */
export class ImageInputError extends Error {
  override readonly name = 'ImageInputError';
  constructor(
    readonly code: ImageInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A label value is not part of the vocabulary (the caller's fault: map to 400). */
export class LabelError extends Error {
  override readonly name = 'LabelError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something went wrong inside the engine (model missing, worker crashed, backend not wasm...): map to 5xx. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    message: string,
    readonly code: 'no_model' | 'worker_crashed' | 'backend' | 'closed' | 'bad_artefact' | 'cancelled' | 'incompatible' | 'internal' = 'internal',
  ) {
    super(message);
  }
}

/** Errors cross worker_threads as plain objects; these helpers keep their type. */
export interface SerializedError {
  kind: 'ImageInputError' | 'LabelError' | 'EngineError' | 'Error';
  code?: string;
  field?: string;
  message: string;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof ImageInputError) return { kind: 'ImageInputError', code: err.code, message: err.message };
  if (err instanceof LabelError) return { kind: 'LabelError', field: err.field, message: err.message };
  if (err instanceof EngineError) return { kind: 'EngineError', code: err.code, message: err.message };
  return { kind: 'Error', message: err instanceof Error ? err.message : String(err) };
}

export function deserializeError(e: SerializedError): Error {
  switch (e.kind) {
    case 'ImageInputError':
      return new ImageInputError(e.code as ImageInputErrorCode, e.message);
    case 'LabelError':
      return new LabelError(e.field ?? 'label', e.message);
    case 'EngineError':
      return new EngineError(e.message, (e.code as EngineError['code']) ?? 'internal');
    default:
      return new EngineError(e.message, 'internal');
  }
}
