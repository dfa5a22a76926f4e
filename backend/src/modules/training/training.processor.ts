import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, JobProgress, QueueName, TrainModelPayload } from '../../infra/queue/queues';
import { RunOutcome, TrainingRunner } from './training-runner.service';

/**
 * `train-model` jobs. Stalled jobs are not retried (maxStalledCount 0): a run whose worker died is marked
 * failed by TrainingRecovery, and the runner skips any redelivery of a run that already started.
 */
@Processor({ name: QueueName.Training }, { concurrency: 1, lockDuration: 120_000, maxStalledCount: 0 })
export class TrainingProcessor extends WorkerHost {
  private readonly logger = new Logger(TrainingProcessor.name);

  constructor(private readonly runner: TrainingRunner) {
    super();
  }

  async process(job: Job<TrainModelPayload>): Promise<RunOutcome> {
    if (job.name !== JobName.TrainModel) throw new Error(`Unknown job "${job.name}" on the ${QueueName.Training} queue`);
    const outcome = await this.runner.run(job.data.runId, job.id!, async (percent, message) => {
      const progress: JobProgress = { percent, message, runId: job.data.runId };
      await job.updateProgress(progress);
    });
    if (outcome.outcome === 'skipped') this.logger.warn(`Training job ${job.id} skipped: ${outcome.reason}`);
    return outcome;
  }
}
