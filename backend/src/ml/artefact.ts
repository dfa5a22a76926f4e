/**
 * The model artefact: heads + vocabulary + feature version + training metadata + metrics.
 * Binary format (deterministic, so bytes -> artefact -> bytes is bit-identical):
 *   "CATML\x01" | uint32 LE header length | UTF-8 JSON header | float32/int32 little-endian blobs
 * Typed arrays in the header are replaced by {"$blob": index}; blobs are 4-byte aligned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineError } from './errors';
import type { HeadParams } from './heads';
import type { EvalReport } from './evaluate';
import { COLOURS, PATTERNS, TRAIT_NAMES, type TraitName } from './vocabulary';

export const ARTEFACT_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('CATML\x01', 'latin1');

export interface TraitTrainingInfo {
  /** labelled photos (real ones) and their values */
  n: number;
  counts: Record<string, number>;
  /** synthetic copies per value (augment.ts), when any were added */
  syntheticCounts?: Record<string, number>;
  classes: string[];
  skipped: string | null;
  bestEpoch: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  temperature: number | null;
  threshold: number | null;
}

export interface TrainingMetadata {
  samples: number;
  seed: number;
  validationShare: number;
  durationMs: number;
  options: Record<string, unknown>;
  traits: Partial<Record<TraitName, TraitTrainingInfo>>;
  datasets?: string[];
  notes?: string[];
}

export interface ModelArtefact {
  formatVersion: number;
  featureVersion: string;
  featureDim: number;
  createdAt: string;
  heads: Partial<Record<TraitName, HeadParams>>;
  vocabulary: { traits: TraitName[]; colours: string[]; patterns: string[] };
  training: TrainingMetadata;
  metrics: EvalReport | null;
}

export function currentVocabulary(): ModelArtefact['vocabulary'] {
  return { traits: [...TRAIT_NAMES], colours: [...COLOURS], patterns: [...PATTERNS] };
}

type Blob = Float32Array | Int32Array | Float64Array;

function sortKeys(v: unknown, blobs: Blob[]): unknown {
  if (v instanceof Float32Array || v instanceof Int32Array || v instanceof Float64Array) {
    blobs.push(v);
    return { $blob: blobs.length - 1, type: v.constructor.name, length: v.length };
  }
  if (Array.isArray(v)) return v.map((x) => sortKeys(x, blobs));
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) o[k] = sortKeys(x, blobs);
    }
    return o;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
  return v;
}

export function serializeArtefact(a: ModelArtefact): Buffer {
  const blobs: Blob[] = [];
  const header = Buffer.from(JSON.stringify(sortKeys(a, blobs)), 'utf8');
  const parts: Buffer[] = [MAGIC, Buffer.alloc(4), header];
  let len = MAGIC.length + 4 + header.length;
  parts[1].writeUInt32LE(header.length, 0);
  for (const b of blobs) {
    const pad = (4 - (len % 4)) % 4;
    if (pad) {
      parts.push(Buffer.alloc(pad));
      len += pad;
    }
    const bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    parts.push(Buffer.from(bytes)); // copy: little-endian on every platform we run on
    len += bytes.length;
  }
  return Buffer.concat(parts);
}

export function deserializeArtefact(bytes: Buffer): ModelArtefact {
  if (!Buffer.isBuffer(bytes) || bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new EngineError('not a Cat Identifier model file (bad magic bytes)', 'bad_artefact');
  }
  const hlen = bytes.readUInt32LE(MAGIC.length);
  const hstart = MAGIC.length + 4;
  if (hstart + hlen > bytes.length) throw new EngineError('model file is truncated', 'bad_artefact');
  let header: unknown;
  try {
    header = JSON.parse(bytes.subarray(hstart, hstart + hlen).toString('utf8'));
  } catch {
    throw new EngineError('model file header is not valid JSON', 'bad_artefact');
  }
  let offset = hstart + hlen;
  const restore = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(restore);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.$blob === 'number') {
        const Ctor = o.type === 'Int32Array' ? Int32Array : o.type === 'Float64Array' ? Float64Array : Float32Array;
        const size = Ctor.BYTES_PER_ELEMENT * (o.length as number);
        offset += (4 - (offset % 4)) % 4;
        if (offset + size > bytes.length) throw new EngineError('model file is truncated', 'bad_artefact');
        const copy = new Uint8Array(size);
        copy.set(bytes.subarray(offset, offset + size));
        offset += size;
        return new Ctor(copy.buffer);
      }
      if (typeof o.$num === 'string') return Number(o.$num);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(o)) out[k] = restore(o[k]);
      return out;
    }
    return v;
  };
  // blobs are stored in the order sortKeys visited them, which is the sorted-key order restore walks too
  const a = restore(header) as ModelArtefact;
  if (a.formatVersion !== ARTEFACT_FORMAT_VERSION) {
    throw new EngineError(`model format ${a.formatVersion} is not supported (expected ${ARTEFACT_FORMAT_VERSION})`, 'bad_artefact');
  }
  return a;
}

/** Bytes of the committed starter model (backend/models/starter.model). */
export function loadStarterArtefact(file?: string): Buffer {
  return fs.readFileSync(file ?? starterModelPath());
}

export function starterModelPath(): string {
  // src/ml or dist/ml -> backend/models
  return path.resolve(__dirname, '..', '..', 'models', 'starter.model');
}

/** Labels added by inspection to the starter's training photos (backend/models/starter-labels.csv). */
export function starterLabelsPath(): string {
  return path.resolve(__dirname, '..', '..', 'models', 'starter-labels.csv');
}
