import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImagesModule } from '../images/images.module';
import { ModelsModule } from '../models/models.module';
import { PredictionsModule } from '../predictions/predictions.module';
import { REPORTING_ENTITIES } from './entities';
import { SnapshotService } from './snapshot.service';
import { SnapshotWriter } from './snapshot.writer';

/** The snapshot itself (no queue consumer): used by the worker module and by the bench CLI. */
@Module({
  imports: [TypeOrmModule.forFeature(REPORTING_ENTITIES), ImagesModule, PredictionsModule, ModelsModule],
  providers: [SnapshotService, SnapshotWriter],
  exports: [SnapshotService],
})
export class ReportingSnapshotModule {}
