/** Training the trait heads on cached feature vectors (masked: a trait only learns from rows where it is labelled). */
import { currentVocabulary, ARTEFACT_FORMAT_VERSION, type ModelArtefact, type TraitTrainingInfo } from './artefact';
import { EngineError } from './errors';
import {
  chooseThreshold,
  DEFAULT_FIT,
  fitNet,
  fitStandardiser,
  fitTemperature,
  openSetGuard,
  standardise,
  type FitOptions,
  type HeadParams,
} from './heads';
import { FEATURE_DIM, FEATURE_VERSION, guardInputs, headInputs } from './feature-layout';
import { stratifiedSplit } from './split';
import { TRAIT_NAMES, traitValues, type PhenotypeLabel, type TraitName } from './vocabulary';

export interface TrainingSample {
  features: Float32Array;
  label: PhenotypeLabel;
  /**
   * A synthetic copy of a photo (augment.ts): it trains only this trait's head, and never enters the
   * validation split that early stopping, calibration and the abstention threshold are chosen on.
   */
  synthetic?: TraitName;
}

export interface TrainOptions {
  traits?: TraitName[];
  validationShare?: number;
  maxEpochs?: number;
  seed?: number;
  /** values with fewer labelled images are left out of a head (it will not predict them) */
  minPerValue?: number;
  /** most abstention accepted on the validation split when choosing the threshold */
  maxAbstention?: number;
  /** cost of one point of abstention against one point of balanced accuracy when choosing the threshold (per trait) */
  abstentionPenalty?: Partial<Record<TraitName, number>>;
  /** per-trait overrides of the head's fit options */
  fit?: Partial<Record<TraitName, Partial<FitOptions>>>;
  featureVersion?: string;
  datasets?: string[];
  /** feature indices each head reads (default: the blocks of TRAIT_BLOCKS for the engine's layout, else all) */
  inputs?: Partial<Record<TraitName, number[]>>;
  /** traits left untrained on purpose, with the reason (recorded in the artefact; they answer "not sure") */
  withhold?: Partial<Record<TraitName, string>>;
}

export interface TrainProgress {
  trait: TraitName;
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  /** overall progress 0..1 */
  progress: number;
}

/** Per-trait defaults found by cross-validation on the dev sets (see RESULTS.md). */
export const TRAIT_FIT: Record<TraitName, Partial<FitOptions>> = {
  is_cat: { hidden: 0, l2: 3e-3 },
  colour: { hidden: 0, l2: 3e-3 },
  pattern: { hidden: 32, l2: 3e-3 },
  is_tabby: { hidden: 32, l2: 3e-3 },
  is_pointed: { hidden: 32, l2: 3e-3 },
};

/** Abstention penalty per trait (see chooseThreshold). */
export const TRAIT_ABSTENTION_PENALTY: Record<TraitName, number> = { is_cat: 0.15, colour: 0.25, pattern: 0.25, is_tabby: 0.25, is_pointed: 0.25 };

export const DEFAULT_MIN_PER_VALUE = 3;
/** below this many labelled photos a coat head also gets the open-set guard */
export const SMALL_DATA_ROWS = 100;

function valueCounts(labels: readonly PhenotypeLabel[], trait: TraitName): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) {
    const v = l[trait];
    if (v !== null && v !== undefined) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
  }
  return m;
}

/** Human-readable reasons the requested traits cannot be trained (empty list = trainable). */
export function checkTrainable(labels: readonly PhenotypeLabel[], traits: readonly TraitName[] = TRAIT_NAMES, minPerValue = DEFAULT_MIN_PER_VALUE): string[] {
  const problems: string[] = [];
  for (const t of traits) {
    const counts = valueCounts(labels, t);
    const usable = [...counts.entries()].filter(([, c]) => c >= minPerValue);
    if (usable.length < 2) {
      const have = counts.size ? [...counts.entries()].map(([v, c]) => `${v}: ${c}`).join(', ') : 'no labelled images';
      problems.push(`${t}: needs at least 2 different values with ${minPerValue}+ labelled images each (have ${have})`);
    }
  }
  return problems;
}

export async function trainHeads(
  samples: readonly TrainingSample[],
  opts: TrainOptions = {},
  onProgress?: (e: TrainProgress) => void,
  isCancelled?: () => boolean,
): Promise<ModelArtefact> {
  const started = Date.now();
  if (!samples.length) throw new EngineError('no training samples', 'internal');
  const fullDim = samples[0].features.length;
  for (const s of samples) if (s.features.length !== fullDim) throw new EngineError('feature vectors of different lengths', 'incompatible');
  const traits = opts.traits ?? [...TRAIT_NAMES];
  const seed = opts.seed ?? 1;
  const validationShare = opts.validationShare ?? 0.2;
  const maxEpochs = opts.maxEpochs ?? DEFAULT_FIT.maxEpochs;
  const minPerValue = opts.minPerValue ?? DEFAULT_MIN_PER_VALUE;
  const maxAbstention = opts.maxAbstention ?? 0.1;
  // vectors of the engine's own layout: each head reads its blocks; anything else: the whole vector
  const defaultInputs = fullDim === FEATURE_DIM ? headInputs() : null;
  const heads: ModelArtefact['heads'] = {};
  const info: Partial<Record<TraitName, TraitTrainingInfo>> = {};
  const cancelled = () => {
    if (isCancelled?.()) throw new EngineError('training cancelled', 'cancelled');
    return false;
  };
  for (let ti = 0; ti < traits.length; ti++) {
    const trait = traits[ti];
    cancelled();
    const labelled = samples.filter((s) => s.label[trait] !== null && s.label[trait] !== undefined && (!s.synthetic || s.synthetic === trait));
    const counts = valueCounts(labelled.map((s) => s.label), trait);
    const syntheticCounts = valueCounts(labelled.filter((s) => s.synthetic).map((s) => s.label), trait);
    const vocab = traitValues(trait).map(String);
    const classes = vocab.filter((v) => (counts.get(v) ?? 0) >= minPerValue);
    const record: TraitTrainingInfo = {
      n: labelled.length - [...syntheticCounts.values()].reduce((a, b) => a + b, 0),
      counts: Object.fromEntries([...counts].map(([v, c]) => [v, c - (syntheticCounts.get(v) ?? 0)])),
      ...(syntheticCounts.size ? { syntheticCounts: Object.fromEntries(syntheticCounts) } : {}),
      classes,
      skipped: null,
      bestEpoch: null,
      valLoss: null,
      valAccuracy: null,
      temperature: null,
      threshold: null,
    };
    info[trait] = record;
    if (opts.withhold?.[trait]) {
      record.skipped = opts.withhold[trait]!;
      continue;
    }
    if (classes.length < 2) {
      record.skipped = `fewer than 2 values with ${minPerValue}+ labelled images`;
      continue;
    }
    const inputs = Int32Array.from(opts.inputs?.[trait] ?? (defaultInputs ? defaultInputs[trait] : Array.from({ length: fullDim }, (_, i) => i)));
    if (inputs.some((i) => i < 0 || i >= fullDim)) throw new EngineError(`inputs of ${trait} outside the feature vector`, 'incompatible');
    const dim = inputs.length;
    const select = (f: Float32Array) => {
      const out = new Float32Array(dim);
      for (let j = 0; j < dim; j++) out[j] = f[inputs[j]];
      return out;
    };
    const rows = labelled.filter((s) => classes.includes(String(s.label[trait]))).map((s) => ({ label: s.label, features: select(s.features), synthetic: s.synthetic === trait }));
    const y = Int32Array.from(rows.map((s) => classes.indexOf(String(s.label[trait]))));
    const K = classes.length;
    const fit: FitOptions = { ...DEFAULT_FIT, ...TRAIT_FIT[trait], ...(opts.fit?.[trait] ?? {}), seed };
    const report = (base: number, span: number) => (e: { epoch: number; loss: number; accuracy: number; valLoss: number | null; valAccuracy: number | null }) => {
      cancelled();
      onProgress?.({ trait, ...e, progress: (ti + base + (span * e.epoch) / maxEpochs) / traits.length });
    };
    // 1) early stopping, temperature and threshold on a stratified validation split
    const real = rows.flatMap((s, i) => (s.synthetic ? [] : [i]));
    const realSplit = stratifiedSplit(real.map((i) => String(rows[i].label[trait])), validationShare, seed);
    const split = {
      train: [...realSplit.train.map((j) => real[j]), ...rows.flatMap((s, i) => (s.synthetic ? [i] : []))],
      validation: realSplit.validation.map((j) => real[j]),
    };
    let epochs = maxEpochs;
    let temperature = 1;
    let threshold = 0;
    if (split.validation.length >= 4) {
      const trX = split.train.map((i) => rows[i].features);
      const st = fitStandardiser(trX, dim);
      const r = fitNet(
        standardise(trX, st),
        Int32Array.from(split.train.map((i) => y[i])),
        dim,
        K,
        fit,
        { Z: standardise(split.validation.map((i) => rows[i].features), st), y: Int32Array.from(split.validation.map((i) => y[i])) },
        maxEpochs,
        report(0, 0.7),
      );
      const vy = Int32Array.from(split.validation.map((i) => y[i]));
      epochs = Math.max(10, r.bestEpoch);
      temperature = fitTemperature(r.valProbs!, vy, K);
      const calibrated = Float64Array.from(r.valProbs!);
      for (let i = 0; i < vy.length; i++) {
        let m = -Infinity;
        for (let k = 0; k < K; k++) m = Math.max(m, calibrated[i * K + k] / temperature);
        let s = 0;
        for (let k = 0; k < K; k++) s += (calibrated[i * K + k] = Math.exp(calibrated[i * K + k] / temperature - m));
        for (let k = 0; k < K; k++) calibrated[i * K + k] /= s;
      }
      threshold = chooseThreshold(calibrated, vy, K, maxAbstention, opts.abstentionPenalty?.[trait] ?? TRAIT_ABSTENTION_PENALTY[trait]);
      const best = r.history.find((h) => h.epoch === r.bestEpoch) ?? r.history[r.history.length - 1];
      record.valLoss = best.valLoss;
      record.valAccuracy = best.valAccuracy;
    }
    // 2) final fit on every labelled row for the chosen number of epochs
    const X = rows.map((s) => s.features);
    const st = fitStandardiser(X, dim);
    const Z = standardise(X, st);
    const r = fitNet(Z, y, dim, K, fit, null, epochs, report(0.7, 0.3));
    // open-set guard for heads that know at most half of the vocabulary (e.g. the starter's colour head) and for
    // coat heads learnt from very few photos: inputs unlike anything seen come out as "not sure"
    const partial = classes.length <= vocab.length / 2 || rows.length < SMALL_DATA_ROWS;
    heads[trait] = {
      classes,
      inputs,
      dim,
      mean: st.mean,
      scale: st.scale,
      hidden: fit.hidden,
      w1: r.net.w1,
      b1: r.net.b1,
      w2: r.net.w2,
      b2: r.net.b2,
      temperature,
      threshold,
      openSet: partial && trait !== 'is_cat' ? openSetGuard(Z, y, dim, 200, seed, guardDims(trait, inputs, defaultInputs !== null)) : null,
    };
    Object.assign(record, { bestEpoch: epochs, temperature: round(temperature), threshold: round(threshold) });
    await new Promise((res) => setImmediate(res)); // let the event loop breathe between traits
  }
  return {
    formatVersion: ARTEFACT_FORMAT_VERSION,
    featureVersion: opts.featureVersion ?? (fullDim === FEATURE_DIM ? FEATURE_VERSION : 'unknown'),
    featureDim: fullDim,
    createdAt: new Date().toISOString(),
    heads,
    vocabulary: currentVocabulary(),
    training: {
      samples: samples.length,
      seed,
      validationShare,
      durationMs: Date.now() - started,
      options: { maxEpochs, minPerValue, maxAbstention, fit: { ...DEFAULT_FIT }, traitFit: TRAIT_FIT },
      traits: info,
      datasets: opts.datasets,
    },
    metrics: null,
  };
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

/** Positions (within a head's inputs) of the features its open-set guard compares. */
function guardDims(trait: TraitName, inputs: Int32Array, engineLayout: boolean): Int32Array | undefined {
  const g = engineLayout ? guardInputs(trait) : null;
  if (!g) return undefined;
  const pos = g.map((i) => inputs.indexOf(i)).filter((p) => p >= 0);
  return pos.length ? Int32Array.from(pos) : undefined;
}
