/**
 * One small classifier per trait on standardised feature vectors: softmax regression, optionally with one
 * hidden ReLU layer. Plain typed-array math with mini-batch Adam (5,000 x 260 vectors train in seconds),
 * class-weighted cross-entropy, L2, early stopping on a validation split, temperature scaling and an
 * abstention threshold chosen on the validation split, and an open-set guard for heads that only know some
 * of the vocabulary's values.
 */
import { seededRandom } from './split';


export interface HeadParams {
  classes: string[];
  /** indices of the feature vector this head reads (its input, in order) */
  inputs: Int32Array;
  dim: number;
  mean: Float32Array;
  scale: Float32Array;
  hidden: number; // 0 = softmax regression
  w1: Float32Array; // dim x hidden (empty when hidden = 0)
  b1: Float32Array;
  w2: Float32Array; // (hidden || dim) x K
  b2: Float32Array;
  temperature: number;
  threshold: number;
  /** standardised reference vectors of the training set, used when the head knows only part of the vocabulary */
  openSet: { refs: Float32Array; refLabels: Int32Array; radius: number; dims: Int32Array } | null;
}

export interface FitOptions {
  hidden: number;
  l2: number;
  learningRate: number;
  maxEpochs: number;
  patience: number;
  classWeightPower: number;
  batchSize: number;
  seed: number;
}
export const DEFAULT_FIT: FitOptions = { hidden: 0, l2: 3e-3, learningRate: 0.01, maxEpochs: 60, patience: 8, classWeightPower: 1, batchSize: 64, seed: 1 };

export interface EpochInfo {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
}

export interface Standardiser {
  mean: Float32Array;
  scale: Float32Array;
}

export function fitStandardiser(X: Float32Array[], dim: number): Standardiser {
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (const x of X) for (let j = 0; j < dim; j++) mean[j] += x[j];
  for (let j = 0; j < dim; j++) mean[j] /= Math.max(1, X.length);
  for (const x of X) for (let j = 0; j < dim; j++) sq[j] += (x[j] - mean[j]) ** 2;
  const scale = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    const sd = Math.sqrt(sq[j] / Math.max(1, X.length));
    scale[j] = sd > 1e-6 ? 1 / sd : 0;
  }
  return { mean: Float32Array.from(mean), scale };
}

export function standardise(X: Float32Array[], s: Standardiser): Float32Array {
  const dim = s.mean.length;
  const Z = new Float32Array(X.length * dim);
  X.forEach((x, i) => {
    for (let j = 0; j < dim; j++) {
      const z = (x[j] - s.mean[j]) * s.scale[j];
      Z[i * dim + j] = z > 8 ? 8 : z < -8 ? -8 : z; // clip outliers
    }
  });
  return Z;
}

interface Net {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** Forward pass for n rows; returns logits (n x K) and hidden activations (n x H) when H > 0. */
function forward(net: Net, Z: Float32Array, n: number, dim: number, H: number, K: number): { logits: Float64Array; act: Float32Array | null } {
  let inp = Z;
  let inDim = dim;
  let act: Float32Array | null = null;
  if (H > 0) {
    act = new Float32Array(n * H);
    for (let i = 0; i < n; i++) {
      const zo = i * dim;
      for (let h = 0; h < H; h++) {
        let s = net.b1[h];
        for (let j = 0; j < dim; j++) s += Z[zo + j] * net.w1[j * H + h];
        act[i * H + h] = s > 0 ? s : 0;
      }
    }
    inp = act;
    inDim = H;
  }
  const logits = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    const o = i * inDim;
    for (let k = 0; k < K; k++) {
      let s = net.b2[k];
      for (let j = 0; j < inDim; j++) s += inp[o + j] * net.w2[j * K + k];
      logits[i * K + k] = s;
    }
  }
  return { logits, act };
}

export function softmaxInPlace(v: Float64Array | Float32Array, off: number, K: number, T = 1): void {
  let m = -Infinity;
  for (let k = 0; k < K; k++) m = Math.max(m, v[off + k] / T);
  let s = 0;
  for (let k = 0; k < K; k++) {
    v[off + k] = Math.exp(v[off + k] / T - m);
    s += v[off + k];
  }
  for (let k = 0; k < K; k++) v[off + k] /= s;
}

function lossAndAccuracy(logits: Float64Array, y: Int32Array, n: number, K: number, T = 1): { loss: number; accuracy: number; probs: Float64Array } {
  const p = Float64Array.from(logits);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    softmaxInPlace(p, i * K, K, T);
    loss -= Math.log(Math.max(1e-12, p[i * K + y[i]]));
    let best = 0;
    for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
    if (best === y[i]) correct++;
  }
  return { loss: loss / Math.max(1, n), accuracy: correct / Math.max(1, n), probs: p };
}

export function classWeights(y: Int32Array, K: number, power: number): Float64Array {
  const counts = new Float64Array(K);
  for (const v of y) counts[v]++;
  const present = counts.filter((c) => c > 0).length;
  const w = new Float64Array(K);
  for (let k = 0; k < K; k++) w[k] = counts[k] ? Math.min(20, Math.pow(y.length / (present * counts[k]), power)) : 0;
  return w;
}

export interface FitResult {
  net: Net;
  bestEpoch: number;
  history: EpochInfo[];
  valProbs: Float64Array | null;
}

/**
 * Mini-batch Adam on class-weighted cross-entropy + L2 (shuffled with the seed). With a validation set, keeps
 * the weights of the epoch with the lowest class-weighted validation loss and stops after `patience` epochs
 * without improvement; without one, runs exactly `epochs` epochs.
 */
export function fitNet(
  Z: Float32Array,
  y: Int32Array,
  dim: number,
  K: number,
  opts: FitOptions,
  val: { Z: Float32Array; y: Int32Array } | null,
  epochs: number,
  onEpoch?: (e: EpochInfo) => void,
  isCancelled?: () => boolean,
): FitResult {
  const n = y.length;
  const H = opts.hidden;
  const rand = seededRandom(opts.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const net: Net = {
    w1: new Float32Array(H > 0 ? dim * H : 0).map(() => gauss() * Math.sqrt(2 / dim)),
    b1: new Float32Array(H),
    w2: new Float32Array((H || dim) * K).map(() => (H > 0 ? gauss() * Math.sqrt(1 / H) : 0)),
    b2: new Float32Array(K),
  };
  const params = [net.w1, net.b1, net.w2, net.b2];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const grads = params.map((p) => new Float64Array(p.length));
  const [gw1, gb1, gw2, gb2] = grads;
  const cw = classWeights(y, K, opts.classWeightPower);
  const vcw = val ? classWeights(val.y, K, opts.classWeightPower) : null;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const batch = Math.min(n, opts.batchSize);
  let best: Net | null = null;
  let bestLoss = Infinity;
  let bestEpoch = epochs;
  let since = 0;
  let step = 0;
  const history: EpochInfo[] = [];
  const inDim = H || dim;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const logit = new Float64Array(K);
  const act = new Float64Array(inDim);
  const dAct = new Float64Array(Math.max(1, H));
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (isCancelled?.()) throw Object.assign(new Error('training cancelled'), { cancelled: true });
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let loss = 0;
    let lossW = 0;
    let correct = 0;
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      for (const g of grads) g.fill(0);
      let wsum = 0;
      for (let b = start; b < end; b++) wsum += cw[y[order[b]]];
      for (let b = start; b < end; b++) {
        const i = order[b];
        const yi = y[i];
        const zo = i * dim;
        // the layer feeding the output: hidden activations, or the input row itself (copied to doubles: exact)
        if (H > 0) hiddenForward(Z, zo, dim, net.w1, net.b1, H, act);
        else for (let j = 0; j < dim; j++) act[j] = Z[zo + j];
        outputForward(act, inDim, net.w2, net.b2, K, logit);
        softmaxInPlace(logit, 0, K);
        const wi = cw[yi] / wsum;
        loss -= cw[yi] * Math.log(Math.max(1e-12, logit[yi]));
        lossW += cw[yi];
        let bi = 0;
        for (let k = 1; k < K; k++) if (logit[k] > logit[bi]) bi = k;
        if (bi === yi) correct++;
        for (let k = 0; k < K; k++) {
          logit[k] = (logit[k] - (k === yi ? 1 : 0)) * wi; // now the gradient wrt logits
          gb2[k] += logit[k];
        }
        outputBackward(act, inDim, net.w2, K, logit, gw2, H > 0 ? dAct : null);
        if (H > 0) hiddenBackward(Z, zo, dim, H, dAct, gw1, gb1);
      }
      // L2 on weights (not biases), then Adam
      addL2(grads[0], params[0], opts.l2);
      addL2(grads[2], params[2], opts.l2);
      step++;
      const lrT = (opts.learningRate * Math.sqrt(1 - Math.pow(beta2, step))) / (1 - Math.pow(beta1, step));
      for (let pi = 0; pi < params.length; pi++) adamUpdate(params[pi], grads[pi], m[pi], v[pi], lrT, beta1, beta2);
    }
    const info: EpochInfo = { epoch, loss: loss / Math.max(1e-12, lossW), accuracy: correct / n, valLoss: null, valAccuracy: null };
    if (val && vcw) {
      const vf = forward(net, val.Z, val.y.length, dim, H, K);
      const la = lossAndAccuracy(vf.logits, val.y, val.y.length, K);
      let vl = 0;
      let vs = 0;
      for (let i = 0; i < val.y.length; i++) {
        vl -= vcw[val.y[i]] * Math.log(Math.max(1e-12, la.probs[i * K + val.y[i]]));
        vs += vcw[val.y[i]];
      }
      info.valLoss = vl / Math.max(1e-12, vs);
      info.valAccuracy = la.accuracy;
      history.push(info);
      onEpoch?.(info);
      if (info.valLoss < bestLoss - 1e-5) {
        bestLoss = info.valLoss;
        bestEpoch = epoch;
        best = { w1: net.w1.slice(), b1: net.b1.slice(), w2: net.w2.slice(), b2: net.b2.slice() };
        since = 0;
      } else if (++since >= opts.patience) break;
    } else {
      history.push(info);
      onEpoch?.(info);
    }
  }
  const final = best ?? net;
  let valProbs: Float64Array | null = null;
  if (val) valProbs = forward(final, val.Z, val.y.length, dim, H, K).logits;
  return { net: final, bestEpoch, history, valProbs };
}

function addL2(g: Float64Array, p: Float32Array, l2: number): void {
  for (let j = 0; j < p.length; j++) g[j] += l2 * p[j];
}

function adamUpdate(p: Float32Array, g: Float64Array, mm: Float64Array, vv: Float64Array, lrT: number, beta1: number, beta2: number): void {
  for (let j = 0; j < p.length; j++) {
    mm[j] = beta1 * mm[j] + (1 - beta1) * g[j];
    vv[j] = beta2 * vv[j] + (1 - beta2) * g[j] * g[j];
    p[j] -= (lrT * mm[j]) / (Math.sqrt(vv[j]) + 1e-8);
  }
}

// Per-row kernels of fitNet, kept small and monomorphic (Float32Array weights/inputs, Float64Array activations)
// so V8 optimises them after a few calls: one big polymorphic loop stayed in the interpreter for seconds.
function hiddenForward(Z: Float32Array, zo: number, dim: number, w1: Float32Array, b1: Float32Array, H: number, act: Float64Array): void {
  for (let h = 0; h < H; h++) act[h] = b1[h];
  for (let j = 0; j < dim; j++) {
    const z = Z[zo + j];
    if (z === 0) continue;
    const wo = j * H;
    for (let h = 0; h < H; h++) act[h] += z * w1[wo + h];
  }
  for (let h = 0; h < H; h++) if (act[h] < 0) act[h] = 0;
}

function outputForward(inp: Float64Array, inDim: number, w2: Float32Array, b2: Float32Array, K: number, logit: Float64Array): void {
  for (let k = 0; k < K; k++) logit[k] = b2[k];
  for (let j = 0; j < inDim; j++) {
    const a = inp[j];
    if (a === 0) continue;
    const wo = j * K;
    for (let k = 0; k < K; k++) logit[k] += a * w2[wo + k];
  }
}

function outputBackward(inp: Float64Array, inDim: number, w2: Float32Array, K: number, g: Float64Array, gw2: Float64Array, dAct: Float64Array | null): void {
  if (dAct) dAct.fill(0);
  for (let j = 0; j < inDim; j++) {
    const a = inp[j];
    const wo = j * K;
    if (a !== 0) for (let k = 0; k < K; k++) gw2[wo + k] += a * g[k];
    if (dAct !== null && a > 0) {
      let s = 0;
      for (let k = 0; k < K; k++) s += w2[wo + k] * g[k];
      dAct[j] = s;
    }
  }
}

function hiddenBackward(Z: Float32Array, zo: number, dim: number, H: number, dAct: Float64Array, gw1: Float64Array, gb1: Float64Array): void {
  for (let h = 0; h < H; h++) gb1[h] += dAct[h];
  for (let j = 0; j < dim; j++) {
    const z = Z[zo + j];
    if (z === 0) continue;
    const wo = j * H;
    for (let h = 0; h < H; h++) gw1[wo + h] += z * dAct[h];
  }
}

/** Temperature minimising the NLL of validation logits (grid search, robust for small sets). */
export function fitTemperature(logits: Float64Array, y: Int32Array, K: number): number {
  let bestT = 1;
  let best = Infinity;
  for (let T = 0.25; T <= 8; T *= 1.08) {
    const { loss } = lossAndAccuracy(logits, y, y.length, K, T);
    if (loss < best) {
      best = loss;
      bestT = T;
    }
  }
  return bestT;
}

/**
 * Confidence threshold below which the head answers "not sure": maximises balanced accuracy on the answered
 * validation cells minus a penalty on abstention, never abstaining on more than maxAbstention of them.
 */
export function chooseThreshold(probs: Float64Array, y: Int32Array, K: number, maxAbstention: number, penalty = 0.5): number {
  const n = y.length;
  if (n < 5) return 0;
  const conf: number[] = [];
  const pred: number[] = [];
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let k = 1; k < K; k++) if (probs[i * K + k] > probs[i * K + b]) b = k;
    pred.push(b);
    conf.push(probs[i * K + b]);
  }
  const candidates = [0, ...[...conf].sort((a, b) => a - b)];
  let bestT = 0;
  let bestScore = -Infinity;
  for (const t of candidates) {
    let abst = 0;
    const tp = new Array(K).fill(0);
    const tot = new Array(K).fill(0);
    for (let i = 0; i < n; i++) {
      if (conf[i] < t) {
        abst++;
        continue;
      }
      tot[y[i]]++;
      if (pred[i] === y[i]) tp[y[i]]++;
    }
    if (abst / n > maxAbstention) break;
    const rec = tot.map((c, k) => (c ? tp[k] / c : null)).filter((r): r is number => r !== null);
    const bal = rec.length ? rec.reduce((a, b) => a + b, 0) / rec.length : 0;
    const score = bal - penalty * (abst / n);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      bestT = t;
    }
  }
  return bestT;
}

/** Open-set radius: a quantile (0.95, or the median for tiny classes) of each reference's distance to its nearest same-class neighbour. */
export function openSetGuard(Zfull: Float32Array, y: Int32Array, fullDim: number, maxPerClass: number, seed: number, dimsIn?: Int32Array): HeadParams['openSet'] {
  const dims = dimsIn ?? Int32Array.from({ length: fullDim }, (_, i) => i);
  const dim = dims.length;
  const Z = new Float32Array(y.length * dim);
  for (let i = 0; i < y.length; i++) for (let j = 0; j < dim; j++) Z[i * dim + j] = Zfull[i * fullDim + dims[j]];
  const rand = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  y.forEach((c, i) => byClass.set(c, [...(byClass.get(c) ?? []), i]));
  const chosen: number[] = [];
  for (const idx of byClass.values()) {
    const s = idx.slice().sort(() => rand() - 0.5);
    chosen.push(...s.slice(0, maxPerClass));
  }
  const refs = new Float32Array(chosen.length * dim);
  const refLabels = new Int32Array(chosen.length);
  chosen.forEach((src, i) => {
    refs.set(Z.subarray(src * dim, src * dim + dim), i * dim);
    refLabels[i] = y[src];
  });
  const nn: number[] = [];
  for (let i = 0; i < chosen.length; i++) {
    let best = Infinity;
    for (let j = 0; j < chosen.length; j++) {
      if (i === j || refLabels[i] !== refLabels[j]) continue;
      best = Math.min(best, dist(refs, i * dim, refs, j * dim, dim));
    }
    if (Number.isFinite(best)) nn.push(best);
  }
  nn.sort((a, b) => a - b);
  // few references = sparse neighbourhoods: use a tighter quantile so the guard does not wave everything through
  const q = chosen.length / Math.max(1, byClass.size) < 30 ? 0.5 : 0.95;
  const radius = nn.length ? nn[Math.min(nn.length - 1, Math.floor(q * nn.length))] : Infinity;
  return { refs, refLabels, radius, dims };
}

function dist(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) {
    const d = a[ao + j] - b[bo + j];
    s += d * d;
  }
  return Math.sqrt(s / dim);
}

export interface HeadOutput {
  probs: Float64Array; // calibrated, over head.classes
  top: number;
  confidence: number;
  unsure: boolean;
  outOfSet: boolean;
}

/** Calibrated probabilities, top class and the abstention decision for one feature vector. */
export function runHead(head: HeadParams, x: Float32Array): HeadOutput {
  const dim = head.dim;
  const z = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    const v = (x[head.inputs[j]] - head.mean[j]) * head.scale[j];
    z[j] = v > 8 ? 8 : v < -8 ? -8 : v;
  }
  const K = head.classes.length;
  const { logits } = forward(head, z, 1, dim, head.hidden, K);
  softmaxInPlace(logits, 0, K, head.temperature);
  let top = 0;
  for (let k = 1; k < K; k++) if (logits[k] > logits[top]) top = k;
  const confidence = logits[top];
  let outOfSet = false;
  if (head.openSet) {
    let best = Infinity;
    const { refs, refLabels, radius, dims } = head.openSet;
    const gz = new Float32Array(dims.length);
    for (let j = 0; j < dims.length; j++) gz[j] = z[dims[j]];
    for (let i = 0; i < refLabels.length; i++) if (refLabels[i] === top) best = Math.min(best, dist(gz, 0, refs, i * dims.length, dims.length));
    outOfSet = best > radius;
  }
  return { probs: logits, top, confidence, unsure: confidence < answerFloor(head) || outOfSet, outOfSet };
}

/**
 * How far above chance (1/K) the calibrated confidence must be for an answer, whatever the head's own
 * threshold: a head trained on few photos can choose a threshold of 0 and then answer "yes" at 51%.
 */
export const MIN_MARGIN_OVER_CHANCE = 0.1;

/** The confidence below which a head says "not sure": its chosen threshold, and never below chance + margin. */
export function answerFloor(head: Pick<HeadParams, 'threshold' | 'classes'>): number {
  return Math.max(head.threshold, 1 / head.classes.length + MIN_MARGIN_OVER_CHANCE);
}
