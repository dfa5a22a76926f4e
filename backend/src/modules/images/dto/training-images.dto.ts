import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsMongoId,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, MAX_PAGE } from '../../../common/validation';
import { COLOURS, PATTERNS } from '../../../ml/vocabulary';
import { IMAGE_SOURCES } from '../domain/image-filter';

const TRI = ['true', 'false', 'unknown', true, false];
const triMessage = (f: string) => ({ message: `${f} must be true, false or unknown` });

/** The filter fields shared by the list (query string), bulk label and delete (JSON body) endpoints. */
export class ImageFilterDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true = labelled images only, false = unlabelled only' })
  @IsOptional()
  @IsIn(['true', 'false', true, false], { message: 'labelled must be true or false' })
  labelled?: string | boolean;

  @ApiPropertyOptional({ enum: IMAGE_SOURCES })
  @IsOptional()
  @IsIn(IMAGE_SOURCES as unknown as string[], { message: `source must be one of ${IMAGE_SOURCES.join(', ')}` })
  source?: string;

  @ApiPropertyOptional({ enum: ['true', 'false', 'unknown'] })
  @IsOptional()
  @IsIn(TRI, triMessage('is_cat'))
  is_cat?: string | boolean;

  @ApiPropertyOptional({ enum: [...COLOURS, 'unknown'] })
  @IsOptional()
  @IsIn([...COLOURS, 'unknown'], { message: `colour must be one of ${COLOURS.join(', ')} or unknown` })
  colour?: string;

  @ApiPropertyOptional({ enum: [...PATTERNS, 'unknown'] })
  @IsOptional()
  @IsIn([...PATTERNS, 'unknown'], { message: `pattern must be one of ${PATTERNS.join(', ')} or unknown` })
  pattern?: string;

  @ApiPropertyOptional({ enum: ['true', 'false', 'unknown'] })
  @IsOptional()
  @IsIn(TRI, triMessage('is_tabby'))
  is_tabby?: string | boolean;

  @ApiPropertyOptional({ enum: ['true', 'false', 'unknown'] })
  @IsOptional()
  @IsIn(TRI, triMessage('is_pointed'))
  is_pointed?: string | boolean;

  @ApiPropertyOptional({ description: 'created on or after (ISO date or date-time)' })
  @IsOptional()
  @IsCalendarDate({ message: 'from must be a date like 2025-01-31 or 2025-01-31T12:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ description: 'created on or before (a plain date includes that whole day)' })
  @IsOptional()
  @IsCalendarDate({ message: 'to must be a date like 2025-01-31 or 2025-01-31T12:00:00Z' })
  to?: string;
}

export const SORT_FIELDS = ['createdAt', 'labelledAt', 'source', 'originalName', 'width', 'height', 'is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'] as const;

export class ListTrainingImagesQueryDto extends ImageFilterDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'first page is 1' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number (the first page is 1)' })
  @Min(1, { message: 'page must be 1 or more (the first page is 1)' })
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number between 1 and 200' })
  @Min(1, { message: 'pageSize must be between 1 and 200' })
  @Max(200, { message: 'pageSize must be between 1 and 200' })
  pageSize?: number;

  @ApiPropertyOptional({ enum: SORT_FIELDS, default: 'createdAt' })
  @IsOptional()
  @IsIn(SORT_FIELDS as unknown as string[], { message: `sort must be one of ${SORT_FIELDS.join(', ')}` })
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'direction must be asc or desc' })
  direction?: 'asc' | 'desc';
}

export const MAX_IDS_PER_REQUEST = 20_000;

/** Selects images either by id or by filter (exactly one of the two). */
export class ImageSelectionDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'ids must be a list of image ids' })
  @ArrayNotEmpty({ message: 'ids is empty: select at least one image' })
  @ArrayMaxSize(MAX_IDS_PER_REQUEST, { message: `ids can hold at most ${MAX_IDS_PER_REQUEST} ids; use a filter to select more` })
  @IsMongoId({ each: true, message: 'each id in ids must be a training image id (24 hexadecimal characters)' })
  ids?: string[];

  @ApiPropertyOptional({ type: ImageFilterDto, description: 'same fields as the list filters; {} = every image' })
  @IsOptional()
  @IsObject({ message: 'filter must be an object with the list filter fields ({} selects every image)' })
  @ValidateNested({ message: 'filter must be an object with the list filter fields ({} selects every image)' })
  @Type(() => ImageFilterDto)
  filter?: ImageFilterDto;
}

export class BulkLabelDto extends ImageSelectionDto {
  @ApiProperty({
    description: 'any subset of is_cat, colour, pattern, is_tabby, is_pointed; null = unknown',
    example: { colour: 'blue', pattern: 'bicolour' },
  })
  @IsObject({ message: 'label must be an object with any of is_cat, colour, pattern, is_tabby, is_pointed' })
  label: Record<string, unknown>;
}
