/** k-fold cross-validation of the whole training procedure (tuning happens inside each training fold). */
import { scoreCells, reportFromCells, type EvalReport } from './evaluate';
import type { ScoredCell } from './metrics';
import { stratifiedFolds } from './split';
import { trainHeads, type TrainingSample, type TrainOptions } from './train';
import { TRAIT_NAMES, type PhenotypeLabel, type TraitName } from './vocabulary';

/** Stratum key: source + the rarer labels, so every fold sees every colour/pattern/point value. */
export function stratumKey(label: PhenotypeLabel, source = ''): string {
  return [source, label.is_cat, label.colour, label.pattern, label.is_pointed].join('|');
}

/** A synthetic training copy (augment.ts) and the index of the real sample it was made from. */
export interface SyntheticSample extends TrainingSample {
  sourceIndex: number;
}

/** Training and test sets of fold `f`: a synthetic copy trains only where its source photo trains, and never tests. */
export function foldSets<T extends TrainingSample>(
  samples: readonly T[],
  folds: readonly number[],
  f: number,
  synthetic: readonly SyntheticSample[] = [],
): { train: TrainingSample[]; test: T[] } {
  return {
    train: [...samples.filter((_, i) => folds[i] !== f), ...synthetic.filter((s) => folds[s.sourceIndex] !== f)],
    test: samples.filter((_, i) => folds[i] === f),
  };
}

/**
 * Folds are drawn over the real samples; a synthetic copy trains only in the folds where its source photo trains,
 * and is never tested (the scores are on real photos the model never saw, nor any copy of them).
 */
export async function crossValidate(
  samples: readonly TrainingSample[],
  keys: readonly string[],
  k: number,
  opts: TrainOptions = {},
  synthetic: readonly SyntheticSample[] = [],
): Promise<{ report: EvalReport; trainMs: number[] }> {
  const folds = stratifiedFolds(keys, k, opts.seed ?? 1);
  const cells = Object.fromEntries(TRAIT_NAMES.map((t) => [t, [] as ScoredCell[]])) as Record<TraitName, ScoredCell[]>;
  const trainMs: number[] = [];
  for (let f = 0; f < k; f++) {
    const { train, test } = foldSets(samples, folds, f, synthetic);
    const t0 = Date.now();
    const model = await trainHeads(train, opts);
    trainMs.push(Date.now() - t0);
    const c = scoreCells(model, test);
    for (const t of TRAIT_NAMES) cells[t].push(...c[t]);
  }
  return { report: reportFromCells(cells, samples.length, opts.featureVersion ?? 'unknown'), trainMs };
}
