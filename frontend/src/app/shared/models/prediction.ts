/** Shapes of the public predictions API (`/api/predictions`), from the API contract. Shared by the breeder and admin areas. */

export type {
  CoatColour,
  CoatPattern,
  PhenotypeLabel,
  PredictedTraits,
  TraitName,
  TraitPrediction,
  UnsureReason,
} from '@api/contracts/phenotype';
export type { CreatedPredictionView as CreatedPrediction, CurrentModelView, PredictionFeedback, PredictionView as Prediction, TraitCorrection } from '@api/contracts/predictions';
import type { TraitCorrection } from '@api/contracts/predictions';

/** `POST /api/predictions/:id/feedback` body. */
export interface FeedbackRequest {
  accepted: boolean;
  correction?: TraitCorrection;
  /** the uploader's token (returned with the result): only its holder may answer */
  answerToken?: string;
}
