import { Logger, Module } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, PingPayload, QueueName } from './queues';

/** Housekeeping jobs; `ping` proves end to end that the worker process consumes what the API enqueues. */
@Processor(QueueName.System)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);

  async process(job: Job<PingPayload>): Promise<unknown> {
    switch (job.name) {
      case JobName.Ping:
        await job.updateProgress({ percent: 100, message: 'pong' });
        return { pong: job.data.message, pid: process.pid };
      default:
        this.logger.warn(`Unknown job ${job.name} on ${QueueName.System}`);
        throw new Error(`Unknown job "${job.name}"`);
    }
  }
}

@Module({ providers: [SystemProcessor] })
export class SystemProcessorModule {}
