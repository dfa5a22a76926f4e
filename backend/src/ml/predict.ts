/** From a feature vector to the phenotype, with the artefact's heads (pure, no tfjs). */
import type { ModelArtefact } from './artefact';
import { EngineError } from './errors';
import { runHead, type HeadOutput } from './heads';
import type { PhenotypePrediction, TraitPrediction, UnlearntValues } from './types';
import { breederCode, breederName, COLOURS, PATTERNS, TRAIT_NAMES, type Colour, type Pattern, type TraitName } from './vocabulary';

export interface DetailedTrait {
  head: HeadOutput | null;
  /** top class before abstaining (string form of the value) */
  top: string | null;
}

function parseValue(trait: TraitName, v: string): string | boolean {
  return trait === 'colour' || trait === 'pattern' ? v : v === 'true';
}

export function runHeads(artefact: ModelArtefact, features: Float32Array): Record<TraitName, DetailedTrait> {
  if (features.length !== artefact.featureDim) {
    throw new EngineError(`feature vector has ${features.length} values; model ${artefact.featureVersion} expects ${artefact.featureDim}`, 'incompatible');
  }
  const out = {} as Record<TraitName, DetailedTrait>;
  for (const t of TRAIT_NAMES) {
    const head = artefact.heads[t];
    if (!head) out[t] = { head: null, top: null };
    else {
      const h = runHead(head, features);
      out[t] = { head: h, top: head.classes[h.top] };
    }
  }
  return out;
}

export function predictFromFeatures(artefact: ModelArtefact, features: Float32Array): PhenotypePrediction {
  const d = runHeads(artefact, features);
  const notACat = d.is_cat.head !== null && !d.is_cat.head.unsure && d.is_cat.top === 'false';
  const trait = <T>(t: TraitName): TraitPrediction<T> => {
    const x = d[t];
    if (!x.head || x.top === null) return { value: null, confidence: 0, unsure: true, reason: 'untrained' };
    if (t !== 'is_cat' && notACat) return { value: null, confidence: 0, unsure: false };
    const confidence = Math.round(x.head.confidence * 1e4) / 1e4;
    if (!x.head.unsure) return { value: parseValue(t, x.top) as T, confidence, unsure: false };
    return { value: null, confidence, unsure: true, reason: x.head.outOfSet ? 'unfamiliar' : 'uncertain' };
  };
  const traits = {
    is_cat: trait<boolean>('is_cat'),
    colour: trait<Colour>('colour'),
    pattern: trait<Pattern>('pattern'),
    is_tabby: trait<boolean>('is_tabby'),
    is_pointed: trait<boolean>('is_pointed'),
  };
  const coat = { colour: traits.colour.value, pattern: traits.pattern.value, is_tabby: traits.is_tabby.value, is_pointed: traits.is_pointed.value };
  return { traits, breederCode: breederCode(coat), breederName: breederName(coat), unlearnt: unlearntValues(artefact) };
}

/** The colours and patterns the model's heads cannot answer (too few labelled photos of them when it was trained). */
export function unlearntValues(artefact: ModelArtefact): UnlearntValues {
  const missing = <V extends string>(trait: TraitName, values: readonly V[]): V[] => {
    const known = new Set(artefact.heads[trait]?.classes ?? []);
    return values.filter((v) => !known.has(v));
  };
  return { colour: missing('colour', COLOURS), pattern: missing('pattern', PATTERNS) };
}
