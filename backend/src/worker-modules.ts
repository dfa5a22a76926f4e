import { Type } from '@nestjs/common';
import { ImageSearchWorkerModule } from './modules/image-search/image-search.worker.module';
import { ImagesWorkerModule } from './modules/images/images.worker.module';
import { ReportingWorkerModule } from './modules/reporting/reporting.worker.module';
import { TrainingWorkerModule } from './modules/training/training.worker.module';

/** Modules that register BullMQ processors; loaded by the worker process only. */
export const WORKER_MODULES: Type[] = [ImagesWorkerModule, ReportingWorkerModule, TrainingWorkerModule, ImageSearchWorkerModule];
