import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsInt, MaxLength, Min, Max, IsArray, ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Type } from 'class-transformer';
import { IsCalendarDate, MAX_PAGE } from '../../../common/validation';

export class FeedbackDto {
  @ApiProperty({ description: 'Was the phenotype right?' })
  @IsBoolean({ message: 'accepted must be true or false' })
  accepted: boolean;

  @ApiPropertyOptional({ description: 'Corrected traits (same vocabulary as GET /api/vocabulary)' })
  @IsOptional()
  @IsObject({ message: 'correction must be an object of traits, e.g. {"colour": "blue"}' })
  correction?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The answerToken returned to the uploader by POST /api/predictions' })
  @IsOptional()
  @IsString({ message: 'answerToken must be the token returned with the result' })
  @MaxLength(100, { message: 'answerToken must be the token returned with the result' })
  answerToken?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['accept', 'reject'] })
  @IsIn(['accept', 'reject'], { message: 'decision must be "accept" or "reject"' })
  decision: 'accept' | 'reject';

  @ApiPropertyOptional({ description: 'The corrected label (required with reject when adding to training)' })
  @IsOptional()
  @IsObject({ message: 'label must be an object of traits' })
  label?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'addToTraining must be true or false' })
  addToTraining?: boolean;
}

export class BulkReviewDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'Select at least one prediction.' })
  @ArrayMaxSize(1000, { message: 'Review at most 1000 predictions at once.' })
  @IsString({ each: true })
  ids: string[];

  @IsIn(['accept', 'reject'], { message: 'decision must be "accept" or "reject"' })
  decision: 'accept' | 'reject';

  @IsOptional() @IsObject() label?: Record<string, unknown>;
  @IsOptional() @IsBoolean() addToTraining?: boolean;
}

export class ListPredictionsQuery {
  @IsOptional() @IsIn(['rejected', 'accepted', 'none'], { message: 'feedback must be rejected, accepted or none' })
  feedback?: 'rejected' | 'accepted' | 'none';
  @IsOptional() @IsIn(['none', 'accepted', 'rejected', 'reviewed'], { message: 'review must be none, accepted, rejected or reviewed' })
  review?: 'none' | 'accepted' | 'rejected' | 'reviewed';
  @IsOptional() @IsString() modelId?: string;
  @IsOptional() @IsString() is_cat?: string;
  @IsOptional() @IsString() colour?: string;
  @IsOptional() @IsString() pattern?: string;
  @IsOptional() @IsString() is_tabby?: string;
  @IsOptional() @IsString() is_pointed?: string;
  @IsOptional() @IsCalendarDate({ allowTime: false, message: 'from must be a date like 2026-01-31' }) from?: string;
  @IsOptional() @IsCalendarDate({ allowTime: false, message: 'to must be a date like 2026-01-31' }) to?: string;
  @IsOptional() @Type(() => Number)
  @IsInt({ message: 'page must be a whole number (the first page is 1)' })
  @Min(1, { message: 'page must be 1 or more (the first page is 1)' })
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;
  @IsOptional() @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number between 1 and 200' })
  @Min(1, { message: 'pageSize must be between 1 and 200' })
  @Max(200, { message: 'pageSize must be between 1 and 200' })
  pageSize?: number;
}
