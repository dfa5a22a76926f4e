import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ListRunsQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(200, { message: 'limit must be at most 200' })
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'skip must be a whole number' })
  @Min(0, { message: 'skip must be 0 or more' })
  skip?: number;
}

export class LogsQueryDto {
  @ApiPropertyOptional({ description: 'Only entries after this seq (from the last entry you have), for incremental polling' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after must be the seq number of a log entry' })
  @Min(0, { message: 'after must be 0 or more' })
  after?: number;

  @ApiPropertyOptional({ default: 1000, minimum: 1, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(5000, { message: 'limit must be at most 5000' })
  limit?: number;
}
