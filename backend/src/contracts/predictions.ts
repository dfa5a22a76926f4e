/** `/api/predictions…` (public) and `/api/admin/predictions…` (review queue). */
import type { PhenotypeLabel, PredictedTraits, TraitName, UnlearntValues } from './phenotype';

/** `GET /api/model` (public): what the model answering breeders can tell, so the upload page can say so up front. */
export interface CurrentModelView {
  /** false while no model is active (an upload would answer 503) */
  available: boolean;
  /** the traits it answers (the others always read "not sure"); null when its file cannot be read */
  answers: TraitName[] | null;
  /** the colours and patterns it has not learnt; null when no model is active or its file cannot be read */
  unlearnt: UnlearntValues | null;
}

/** What a breeder may correct; every field optional. */
export type TraitCorrection = Partial<PhenotypeLabel>;

export interface PredictionFeedback {
  accepted: boolean;
  correction: TraitCorrection | null;
  createdAt: string;
}

/** `POST /api/predictions`, `GET /api/predictions/:id`, `POST /api/predictions/:id/feedback` */
export interface PredictionView {
  id: string;
  modelId: string;
  createdAt: string;
  /** Same-origin URL of the stored photo, e.g. `/api/predictions/:id/image`. */
  imageUrl: string;
  traits: PredictedTraits;
  /** EMS-style code, e.g. `BSH a 03`. Null when the photo is not a cat. */
  breederCode: string | null;
  /** Breeder name, e.g. `Blue bicolour`. */
  breederName: string | null;
  /** What the answering model had not learnt (absent on predictions stored before it was recorded). */
  unlearnt?: UnlearntValues;
  feedback: PredictionFeedback | null;
}

/**
 * `POST /api/predictions` answers the uploader with the result and an `answerToken`: only whoever holds it may send
 * the feedback (`POST /api/predictions/:id/feedback` with `answerToken`). Anyone with the result's link can see it,
 * but not answer for its owner. The token is never returned again.
 */
export interface CreatedPredictionView extends PredictionView {
  answerToken: string;
}

export type ReviewStatus = 'none' | 'accepted' | 'rejected';
export type ReviewDecision = 'accept' | 'reject';

/** `GET /api/admin/predictions/:id` (and list items): the public prediction plus what breeders and admins decided. */
export interface AdminPredictionView extends PredictionView {
  userReview: ReviewStatus;
  adminReview: ReviewStatus;
  /** Same facts under the names the issue uses: has an admin decided, and what. */
  adminHasReviewed: boolean;
  adminFeedback: ReviewDecision | null;
  review: { decision: ReviewDecision; label: PhenotypeLabel; reviewedBy: string; reviewedAt: string } | null;
  trainingImageId: string | null;
  width: number;
  height: number;
}

/**
 * What a review with `addToTraining` did to the training set: `added` = a new training image; `existing-labelled`
 * = the same photo (same SHA-256) was already there, unlabelled, and now has the review's label; `existing-kept` =
 * it was already there with a label of its own, which was kept (change it on the Images page).
 */
export type TrainingSetOutcome = 'added' | 'existing-labelled' | 'existing-kept';

/** `POST /api/admin/predictions/:id/review` */
export interface ReviewResultView extends AdminPredictionView {
  /** set when the review asked to add the photo to the training set */
  trainingSet?: TrainingSetOutcome;
}

/** `GET /api/admin/predictions?…` */
export interface AdminPredictionsPage {
  items: AdminPredictionView[];
  total: number;
  page: number;
  pageSize: number;
}

/** `POST /api/admin/predictions/review` */
export interface BulkReviewResult {
  reviewed: number;
  notFound: string[];
  results: { id: string; adminReview: ReviewStatus; trainingImageId: string | null }[];
}
