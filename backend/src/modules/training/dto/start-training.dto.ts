import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, ValidateBy } from 'class-validator';
import { TRAIT_NAMES, TraitName } from '../../../ml';
import { TRAINING_LIMITS } from '../domain/training-options';
import { OPTION_MESSAGES } from '../domain/option-messages';

const L = TRAINING_LIMITS;
const M = OPTION_MESSAGES;

/** A finite number (a whole one when `whole`) from min to max, with one message for every way it can fail. */
function IsNumberFromTo(min: number, max: number, whole: boolean, message: string): PropertyDecorator {
  return ValidateBy(
    {
      name: whole ? 'isWholeNumberFromTo' : 'isNumberFromTo',
      constraints: [min, max],
      validator: {
        validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && (!whole || Number.isInteger(v)) && v >= min && v <= max,
      },
    },
    { message },
  );
}

/** Text of at most `max` characters. */
function IsTextUpTo(max: number, message: string): PropertyDecorator {
  return ValidateBy(
    { name: 'isTextUpTo', constraints: [max], validator: { validate: (v: unknown) => typeof v === 'string' && v.length <= max } },
    { message },
  );
}

export class StartTrainingDto {
  @ApiPropertyOptional({ isArray: true, enum: TRAIT_NAMES, description: 'Traits to train (default: all)' })
  @IsOptional()
  @IsArray({ message: M.traitsList })
  @ArrayMinSize(1, { message: M.traitsEmpty })
  @ArrayUnique({ message: M.traitsRepeat })
  @IsIn(TRAIT_NAMES as unknown as string[], { each: true, message: M.traitUnknown })
  traits?: TraitName[];

  @ApiPropertyOptional({ minimum: L.validationShare.min, maximum: L.validationShare.max, default: L.validationShare.default })
  @IsOptional()
  @IsNumberFromTo(L.validationShare.min, L.validationShare.max, false, M.validationShare)
  validationShare?: number;

  @ApiPropertyOptional({ minimum: L.testShare.min, maximum: L.testShare.max, default: L.testShare.default })
  @IsOptional()
  @IsNumberFromTo(L.testShare.min, L.testShare.max, false, M.testShare)
  testShare?: number;

  @ApiPropertyOptional({ minimum: L.maxEpochs.min, maximum: L.maxEpochs.max, default: L.maxEpochs.default })
  @IsOptional()
  @IsNumberFromTo(L.maxEpochs.min, L.maxEpochs.max, true, M.maxEpochs)
  maxEpochs?: number;

  @ApiPropertyOptional({ minimum: L.seed.min, maximum: L.seed.max, description: 'Seed of the split and the weight initialisation (default: random)' })
  @IsOptional()
  @IsNumberFromTo(L.seed.min, L.seed.max, true, M.seed)
  seed?: number;

  @ApiPropertyOptional({ maxLength: L.nameMaxLength, description: 'Name of the model this run registers' })
  @IsOptional()
  @IsTextUpTo(L.nameMaxLength, M.name)
  name?: string;
}
