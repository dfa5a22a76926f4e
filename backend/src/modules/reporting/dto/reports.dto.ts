import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export const TRAINING_GROUP_BY = ['colour', 'pattern', 'is_tabby', 'is_pointed', 'is_cat', 'source'] as const;
export type TrainingGroupBy = (typeof TRAINING_GROUP_BY)[number];
export const PREDICTION_GROUP_BY = ['colour', 'pattern', 'is_tabby', 'is_pointed', 'is_cat', 'model', 'user_review', 'admin_review'] as const;
export type PredictionGroupBy = (typeof PREDICTION_GROUP_BY)[number];
export const REPORT_TRAITS = ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'] as const;
export const IMAGE_SOURCES = ['zip', 'upload', 'web-search', 'prediction-review'] as const;

/** from/to are checked as calendar days by the service (one message listing every problem). */
export class DateRangeQuery {
  @ApiPropertyOptional({ description: 'First day, inclusive (YYYY-MM-DD, UTC)', example: '2025-01-01' })
  @IsOptional()
  @IsString({ message: 'from must be a date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, inclusive (YYYY-MM-DD, UTC)', example: '2025-12-31' })
  @IsOptional()
  @IsString({ message: 'to must be a date written YYYY-MM-DD' })
  to?: string;
}

export class TrainingImagesReportQuery extends DateRangeQuery {
  @ApiPropertyOptional({ enum: TRAINING_GROUP_BY, default: 'colour' })
  @IsOptional()
  @IsIn(TRAINING_GROUP_BY, { message: `groupBy must be one of ${TRAINING_GROUP_BY.join(', ')}` })
  groupBy?: TrainingGroupBy;

  @ApiPropertyOptional({ enum: IMAGE_SOURCES, description: 'Only images from this source' })
  @IsOptional()
  @IsIn(IMAGE_SOURCES, { message: `source must be one of ${IMAGE_SOURCES.join(', ')}` })
  source?: string;
}

export class ModelsReportQuery extends DateRangeQuery {
  @ApiPropertyOptional({ description: 'Only this model (id)' })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'model must be a model id (1 to 64 characters)' })
  model?: string;
}

export class PredictionsReportQuery extends DateRangeQuery {
  @ApiPropertyOptional({ enum: PREDICTION_GROUP_BY, default: 'colour' })
  @IsOptional()
  @IsIn(PREDICTION_GROUP_BY, { message: `groupBy must be one of ${PREDICTION_GROUP_BY.join(', ')}` })
  groupBy?: PredictionGroupBy;

  @ApiPropertyOptional({ description: 'Only predictions of this model (id)' })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'model must be a model id (1 to 64 characters)' })
  model?: string;

  @ApiPropertyOptional({ enum: REPORT_TRAITS, description: 'Real-world accuracy of this trait only' })
  @IsOptional()
  @IsIn(REPORT_TRAITS, { message: `trait must be one of ${REPORT_TRAITS.join(', ')}` })
  trait?: string;
}
