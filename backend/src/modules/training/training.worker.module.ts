import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module';
import { ImagesModule } from '../images/images.module';
import { ModelsModule } from '../models/models.module';
import { TrainingPersistence } from './training.module';
import { TrainingRunsRepository } from './training-runs.repository';
import { TrainingRunner } from './training-runner.service';
import { TrainingProcessor } from './training.processor';
import { FeaturesProcessor } from './features.processor';
import { TrainingRecovery } from './training-recovery.service';

/** Worker side: `train-model` on the training queue and `compute-features` on the features queue. */
@Module({
  imports: [TrainingPersistence, EngineModule, ModelsModule, ImagesModule],
  providers: [TrainingRunsRepository, TrainingRunner, TrainingProcessor, FeaturesProcessor, TrainingRecovery],
})
export class TrainingWorkerModule {}
