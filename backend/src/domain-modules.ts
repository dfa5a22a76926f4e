import { Type } from '@nestjs/common';
import { ImageSearchModule } from './modules/image-search/image-search.module';
import { ImagesModule } from './modules/images/images.module';
import { PredictionsModule } from './modules/predictions/predictions.module';
import { ReportingModule } from './modules/reporting/reporting.module';
import { TrainingModule } from './modules/training/training.module';

/**
 * Feature modules of the API process (controllers + services). Each lives in modules/<domain>/.
 * Their job processors are registered only by the worker (see worker-modules.ts).
 */
export const DOMAIN_MODULES: Type[] = [ImagesModule, PredictionsModule, ReportingModule, TrainingModule, ImageSearchModule];
