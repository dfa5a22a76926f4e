import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { LICENCE_FILTERS, LicenceFilter } from '../domain/licence';

export const MAX_IMPORT_ITEMS = 200;

/** An absolute http(s) URL (parsed with the WHATWG URL parser, the one the downloader uses). */
function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isHttpUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an absolute http:// or https:// URL`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || value.length > 2048) return false;
          try {
            const u = new URL(value);
            return u.protocol === 'http:' || u.protocol === 'https:';
          } catch {
            return false;
          }
        },
      },
    });
}

export class SearchQueryDto {
  @ApiProperty({ description: 'Search words, e.g. "lilac van British Shorthair"' })
  @IsString({ message: 'q (the search words) is required' })
  @IsNotEmpty({ message: 'q (the search words) is required' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q!: string;

  @ApiPropertyOptional({ description: 'Provider id (see /api/admin/image-search/providers); default openverse' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  provider?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number from 1' })
  @Min(1, { message: 'page must be a whole number from 1' })
  @Max(50, { message: 'page must be at most 50' })
  page?: number;

  @ApiPropertyOptional({ enum: LICENCE_FILTERS, default: 'any' })
  @IsOptional()
  @IsIn(LICENCE_FILTERS, { message: `licence must be one of ${LICENCE_FILTERS.join(', ')}` })
  licence?: LicenceFilter;
}

export class ImportItemDto {
  @ApiProperty({ description: 'The full-size image URL to download' })
  @IsHttpUrl()
  url!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  provider?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsHttpUrl()
  thumbnailUrl?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsHttpUrl()
  sourcePage?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  licence?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  attribution?: string;
}

export class ImportRequestDto {
  @ApiProperty({ type: [ImportItemDto] })
  @IsArray({ message: 'items must be a list of images to import' })
  @ArrayMinSize(1, { message: 'items must contain at least one image' })
  @ArrayMaxSize(MAX_IMPORT_ITEMS, { message: `at most ${MAX_IMPORT_ITEMS} images can be imported at once` })
  @ValidateNested({ each: true })
  @Type(() => ImportItemDto)
  items!: ImportItemDto[];

  @ApiPropertyOptional({ description: 'Traits to apply to every imported image, e.g. {"colour":"lilac","pattern":"van"}' })
  @IsOptional()
  @IsObject({ message: 'label must be an object of traits, e.g. {"colour":"lilac"}' })
  label?: Record<string, unknown>;
}

export class ImportResponseDto {
  @ApiProperty()
  jobId!: string;
}
