import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TRAIT_NAMES, TraitName } from '../../../ml';
import { TRAINING_LIMITS } from '../domain/training-options';

const L = TRAINING_LIMITS;

export class StartTrainingDto {
  @ApiPropertyOptional({ isArray: true, enum: TRAIT_NAMES, description: 'Traits to train (default: all)' })
  @IsOptional()
  @IsArray({ message: 'traits must be a list of trait names' })
  @ArrayMinSize(1, { message: 'traits must name at least one trait (or be left out to train all)' })
  @ArrayUnique({ message: 'traits must not repeat a trait' })
  @IsIn(TRAIT_NAMES as unknown as string[], { each: true, message: `each trait must be one of: ${TRAIT_NAMES.join(', ')}` })
  traits?: TraitName[];

  @ApiPropertyOptional({ minimum: L.validationShare.min, maximum: L.validationShare.max, default: L.validationShare.default })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'validationShare must be a number such as 0.15' })
  @Min(L.validationShare.min, { message: `validationShare must be at least ${L.validationShare.min}` })
  @Max(L.validationShare.max, { message: `validationShare must be at most ${L.validationShare.max}` })
  validationShare?: number;

  @ApiPropertyOptional({ minimum: L.testShare.min, maximum: L.testShare.max, default: L.testShare.default })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'testShare must be a number such as 0.15' })
  @Min(L.testShare.min, { message: `testShare must be at least ${L.testShare.min}` })
  @Max(L.testShare.max, { message: `testShare must be at most ${L.testShare.max}` })
  testShare?: number;

  @ApiPropertyOptional({ minimum: L.maxEpochs.min, maximum: L.maxEpochs.max, default: L.maxEpochs.default })
  @IsOptional()
  @IsInt({ message: 'maxEpochs must be a whole number' })
  @Min(L.maxEpochs.min, { message: `maxEpochs must be at least ${L.maxEpochs.min}` })
  @Max(L.maxEpochs.max, { message: `maxEpochs must be at most ${L.maxEpochs.max}` })
  maxEpochs?: number;

  @ApiPropertyOptional({ description: 'Seed of the split and the weight initialisation (default: random)' })
  @IsOptional()
  @IsInt({ message: 'seed must be a whole number' })
  @Min(0, { message: 'seed must be 0 or more' })
  @Max(2147483647, { message: 'seed must be at most 2147483647' })
  seed?: number;

  @ApiPropertyOptional({ description: 'Name of the model this run registers' })
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MaxLength(120, { message: 'name must be at most 120 characters' })
  name?: string;
}
