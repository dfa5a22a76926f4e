/**
 * Compile-time only: the engine's own phenotype and vocabulary types (backend/src/ml, which must not depend on the HTTP layer)
 * and the API contract's are the same shapes. A change to one that the other does not follow fails `tsc`.
 */
import type { PhenotypePrediction } from '../ml/types';
import type { PhenotypeLabel as EngineLabel, TraitName as EngineTraitName, Colour, Pattern, VocabularyDto } from '../ml/vocabulary';
import type { PhenotypeLabel, PredictedTraits, TraitName, CoatColour, CoatPattern, UnlearntValues } from './phenotype';
import type { Vocabulary } from './vocabulary';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const ENGINE_TYPES_MATCH_CONTRACT: [
  Same<EngineLabel, PhenotypeLabel>,
  Same<EngineTraitName, TraitName>,
  Same<Colour, CoatColour>,
  Same<Pattern, CoatPattern>,
  Same<PhenotypePrediction['traits'], PredictedTraits>,
  Same<PhenotypePrediction['unlearnt'], UnlearntValues>,
  Same<VocabularyDto, Vocabulary>,
] = [true, true, true, true, true, true, true];
