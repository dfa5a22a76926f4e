import { Module } from '@nestjs/common';
import { ReportingSnapshotModule } from './reporting-snapshot.module';
import { SnapshotProcessor, SnapshotScheduler } from './snapshot.processor';

/** Worker side of reporting: the snapshot job consumer and its daily schedule. */
@Module({
  imports: [ReportingSnapshotModule],
  providers: [SnapshotProcessor, SnapshotScheduler],
})
export class ReportingWorkerModule {}
