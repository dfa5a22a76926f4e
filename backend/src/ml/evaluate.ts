/** Scoring a model on labelled feature vectors: the ml:eval JSON shape. Only labelled cells are scored. */
import type { ModelArtefact } from './artefact';
import { traitMetrics, type ScoredCell, type TraitMetrics } from './metrics';
import { predictFromFeatures, runHeads } from './predict';
import type { TrainingSample } from './train';
import { TRAIT_NAMES, traitValues, type TraitName } from './vocabulary';

export interface EvalReport {
  traits: Record<TraitName, TraitMetrics>;
  samples: number;
  featureVersion: string;
}

/** Cells of one trait: truth vs the product's answer (null = not sure, or "not a cat" for a coat trait). */
export function scoreCells(artefact: ModelArtefact, samples: readonly TrainingSample[]): Record<TraitName, ScoredCell[]> {
  const cells = Object.fromEntries(TRAIT_NAMES.map((t) => [t, [] as ScoredCell[]])) as Record<TraitName, ScoredCell[]>;
  for (const s of samples) {
    const pred = predictFromFeatures(artefact, s.features);
    const detail = runHeads(artefact, s.features);
    for (const t of TRAIT_NAMES) {
      const truth = s.label[t];
      if (truth === null || truth === undefined) continue;
      const p = pred.traits[t];
      const h = detail[t].head;
      cells[t].push({
        truth: String(truth),
        predicted: p.value === null ? null : String(p.value),
        confidence: h ? h.confidence : 0,
        top: detail[t].top ?? '',
      });
    }
  }
  return cells;
}

export function reportFromCells(cells: Record<TraitName, ScoredCell[]>, samples: number, featureVersion: string): EvalReport {
  const traits = {} as Record<TraitName, TraitMetrics>;
  for (const t of TRAIT_NAMES) traits[t] = traitMetrics(cells[t], traitValues(t).map(String));
  return { traits, samples, featureVersion };
}

export function evaluate(artefact: ModelArtefact, samples: readonly TrainingSample[]): EvalReport {
  return reportFromCells(scoreCells(artefact, samples), samples.length, artefact.featureVersion);
}
