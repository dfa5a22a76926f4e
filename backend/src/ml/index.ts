/** Public API of the phenotype engine (see CONTRACT.md). No Nest, HTTP or database imports in ml/. */
export * from './vocabulary';
export * from './errors';
export { ACCEPTED_FORMATS, DEFAULT_LIMITS, inspectImage, toDisplayJpeg, toThumbnail, sha256, decodeRgb } from './image-io';
export type { AcceptedFormat, ImageInfo, ImageLimits, RgbImage } from './image-io';
export type { TraitPrediction, PhenotypePrediction } from './types';
export { ARTEFACT_FORMAT_VERSION, serializeArtefact, deserializeArtefact, loadStarterArtefact, starterModelPath } from './artefact';
export type { ModelArtefact, TrainingMetadata, TraitTrainingInfo } from './artefact';
export { InferencePool } from './pool';
export type { PoolOptions } from './pool';
export { FEATURE_VERSION, FEATURE_DIM } from './features';
export { trainHeads, checkTrainable, DEFAULT_MIN_PER_VALUE } from './train';
export type { TrainingSample, TrainOptions, TrainProgress } from './train';
export { predictFromFeatures } from './predict';
export { evaluate } from './evaluate';
export type { EvalReport } from './evaluate';
export type { TraitMetrics, ConfusionMatrix } from './metrics';
export { stratifiedSplit, stratifiedFolds } from './split';
export { crossValidate, stratumKey } from './cross-validate';
