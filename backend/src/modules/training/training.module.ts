import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ImagesModule } from '../images/images.module';
import { TrainingLogEntry, TrainingLogEntrySchema, TrainingRun, TrainingRunSchema } from './schemas/training-run.schema';
import { TrainingRunsRepository } from './training-runs.repository';
import { TrainingService } from './training.service';
import { TrainingController } from './training.controller';

export const TrainingPersistence = MongooseModule.forFeature([
  { name: TrainingRun.name, schema: TrainingRunSchema },
  { name: TrainingLogEntry.name, schema: TrainingLogEntrySchema },
]);

/** API side of training runs (start / follow / cancel / history). The job runs in the worker (training.worker.module). */
@Module({
  imports: [TrainingPersistence, ImagesModule],
  controllers: [TrainingController],
  providers: [TrainingRunsRepository, TrainingService],
  exports: [TrainingService],
})
export class TrainingModule {}
