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

export async function crossValidate(
  samples: readonly TrainingSample[],
  keys: readonly string[],
  k: number,
  opts: TrainOptions = {},
): Promise<{ report: EvalReport; trainMs: number[] }> {
  const folds = stratifiedFolds(keys, k, opts.seed ?? 1);
  const cells = Object.fromEntries(TRAIT_NAMES.map((t) => [t, [] as ScoredCell[]])) as Record<TraitName, ScoredCell[]>;
  const trainMs: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = samples.filter((_, i) => folds[i] !== f);
    const test = samples.filter((_, i) => folds[i] === f);
    const t0 = Date.now();
    const model = await trainHeads(train, opts);
    trainMs.push(Date.now() - t0);
    const c = scoreCells(model, test);
    for (const t of TRAIT_NAMES) cells[t].push(...c[t]);
  }
  return { report: reportFromCells(cells, samples.length, opts.featureVersion ?? 'unknown'), trainMs };
}
