import { DimDate, DimLabel, DimModel, DimPredictionReviewStatus, DimTrainingImageSource } from './dimensions.entity';
import {
  FactModelsDailySnapshot,
  FactModelTestMetricsDailySnapshot,
  FactPredictionFeedbackDaily,
  FactPredictionsDailySnapshot,
  FactTrainingImagesDailySnapshot,
  ReportingSnapshotRun,
} from './facts.entity';

export * from './dimensions.entity';
export * from './facts.entity';

/** Every warehouse entity, for TypeOrmModule.forFeature. */
export const REPORTING_ENTITIES = [
  DimDate,
  DimLabel,
  DimModel,
  DimPredictionReviewStatus,
  DimTrainingImageSource,
  FactTrainingImagesDailySnapshot,
  FactModelsDailySnapshot,
  FactModelTestMetricsDailySnapshot,
  FactPredictionsDailySnapshot,
  FactPredictionFeedbackDaily,
  ReportingSnapshotRun,
];
