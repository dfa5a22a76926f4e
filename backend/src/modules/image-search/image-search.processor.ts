import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobControl } from '../../infra/queue/job-control';
import { ImportWebImagesPayload, JobName, QueueName } from '../../infra/queue/queues';
import { WebImportResult, WebImportService } from './web-import.service';

/** Consumes the web-imports queue (worker process only). */
@Processor(QueueName.WebImports)
export class WebImportsProcessor extends WorkerHost {
  private readonly logger = new Logger(WebImportsProcessor.name);

  constructor(
    private readonly imports: WebImportService,
    private readonly control: JobControl,
  ) {
    super();
  }

  async process(job: Job<ImportWebImagesPayload>): Promise<WebImportResult> {
    if (job.name !== JobName.ImportWebImages) {
      this.logger.warn(`Unknown job ${job.name} on ${QueueName.WebImports}`);
      throw new Error(`Unknown job "${job.name}"`);
    }
    const result = await this.imports.run(job.data, {
      progress: (p) => job.updateProgress(p),
      checkCancelled: () => this.control.throwIfCancelled(job.id),
    });
    this.logger.log(`web import ${job.id}: ${result.imported} imported, ${result.duplicates} duplicates, ${result.failed.length} failed`);
    return result;
  }
}
