import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { JobControl } from '../../infra/queue/job-control';
import { DailySnapshotPayload, JobName, JobProgress, QueueName } from '../../infra/queue/queues';
import { isValidDay } from './domain/dates';
import { SnapshotResult, SnapshotService } from './snapshot.service';

/** Consumes the reporting queue: the daily snapshot (from the cron scheduler or "Refresh now"). */
@Processor(QueueName.Reporting)
export class SnapshotProcessor extends WorkerHost {
  private readonly logger = new Logger(SnapshotProcessor.name);

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly control: JobControl,
  ) {
    super();
  }

  async process(job: Job<DailySnapshotPayload>): Promise<SnapshotResult> {
    if (job.name !== JobName.DailySnapshot) {
      this.logger.warn(`Unknown job ${job.name} on ${QueueName.Reporting}`);
      throw new Error(`Unknown job "${job.name}"`);
    }
    const day = job.data?.date;
    if (day !== undefined && !isValidDay(day)) throw new Error(`The snapshot date "${day}" is not a calendar day (YYYY-MM-DD).`);
    return this.snapshots.takeSnapshot(day, async (percent, message) => {
      await this.control.throwIfCancelled(job.id);
      await job.updateProgress({ percent, message } satisfies JobProgress);
    });
  }
}

export const DAILY_SNAPSHOT_SCHEDULER_ID = 'reporting-daily-snapshot';

/** Registers (or updates) the repeatable daily snapshot at config.reporting.snapshotCron. Idempotent. */
@Injectable()
export class SnapshotScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SnapshotScheduler.name);

  constructor(
    @InjectQueue(QueueName.Reporting) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pattern = this.config.reporting.snapshotCron;
    await this.queue.upsertJobScheduler(DAILY_SNAPSHOT_SCHEDULER_ID, { pattern }, { name: JobName.DailySnapshot, data: {} });
    this.logger.log(`Daily reporting snapshot scheduled at "${pattern}".`);
  }
}
