import { Inject, Logger } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { promises as fs } from 'node:fs';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { JobControl } from '../../infra/queue/job-control';
import { ComputeFeaturesPayload, ImportUploadsPayload, ImportZipPayload, JobName, QueueName } from '../../infra/queue/queues';
import { ImportHooks, ImportResult, ImportRunner } from './import-runner';
import { TrainingImagesService } from './training-images.service';

/**
 * Import jobs: a spooled ZIP archive or spooled single uploads become training images. New images are handed
 * to feature caching (JobName.ComputeFeatures) in batches while the import goes on. The spooled files are
 * deleted when the job ends, whatever the outcome. Result: {imported, duplicates, rejected: [{entry, reason}]}.
 */
@Processor(QueueName.Imports, { concurrency: 1 })
export class ImagesImportProcessor extends WorkerHost {
  private readonly logger = new Logger(ImagesImportProcessor.name);

  constructor(
    private readonly images: TrainingImagesService,
    private readonly control: JobControl,
    @InjectQueue(QueueName.Features) private readonly features: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<ImportResult> {
    switch (job.name) {
      case JobName.ImportZip: {
        const data = job.data as ImportZipPayload;
        try {
          const result = await this.runner(job, data.userId, 'zip').runZip(data.zipPath, data.originalName);
          this.logger.log(`ZIP "${data.originalName}": ${result.imported} imported, ${result.duplicates} duplicates, ${result.rejected.length} rejected`);
          return result;
        } finally {
          await fs.rm(data.zipPath, { force: true });
        }
      }
      case JobName.ImportUploads: {
        const data = job.data as ImportUploadsPayload;
        try {
          return await this.runner(job, data.userId, 'upload').runFiles(data.files);
        } finally {
          await Promise.all(data.files.map((f) => fs.rm(f.path, { force: true })));
        }
      }
      default:
        throw new Error(`Unknown job "${job.name}" on queue ${QueueName.Imports}`);
    }
  }

  private runner(job: Job, userId: string, source: 'zip' | 'upload'): ImportRunner {
    let batch = 0;
    const hooks: ImportHooks = {
      progress: (p) => job.updateProgress(p),
      checkCancelled: () => this.control.throwIfCancelled(job.id),
      imported: async (imageIds) => {
        const payload: ComputeFeaturesPayload = { imageIds };
        // deterministic id: a retried import never enqueues the same batch twice
        await this.features.add(JobName.ComputeFeatures, payload, { jobId: `${job.id}-features-${batch++}` });
      },
    };
    return new ImportRunner(this.images, this.config, hooks, { source, userId });
  }
}
