import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobControl } from '../../infra/queue/job-control';
import { ComputeFeaturesPayload, JobName, JobProgress, QueueName } from '../../infra/queue/queues';
import { sha256 } from '../../ml';
import { FeatureCacheService } from '../engine/feature-cache.service';
import { TrainingImagesService } from '../images/training-images.service';

/**
 * `compute-features` jobs (enqueued by ZIP / upload imports with `{imageIds}`): fills the feature cache
 * ahead of training, so a run later only computes what is still missing. Idempotent: cached images are skipped.
 */
@Processor({ name: QueueName.Features }, { concurrency: 1 })
export class FeaturesProcessor extends WorkerHost {
  private readonly logger = new Logger(FeaturesProcessor.name);

  constructor(
    private readonly images: TrainingImagesService,
    private readonly cache: FeatureCacheService,
    private readonly control: JobControl,
  ) {
    super();
  }

  async process(job: Job<ComputeFeaturesPayload>): Promise<{ total: number; cached: number; computed: number; failed: number }> {
    if (job.name !== JobName.ComputeFeatures) throw new Error(`Unknown job "${job.name}" on the ${QueueName.Features} queue`);
    const ids = [...new Set(job.data.imageIds ?? [])];
    let cached = 0;
    let computed = 0;
    let failed = 0;
    for (let i = 0; i < ids.length; i++) {
      if (i % 10 === 0) await this.control.throwIfCancelled(job.id);
      try {
        const bytes = await this.images.loadOriginal(ids[i]);
        const r = await this.cache.getOrCompute(sha256(bytes), async () => bytes);
        if (r.cached) cached++;
        else computed++;
      } catch (err) {
        failed++;
        this.logger.warn(`No features for image ${ids[i]}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const progress: JobProgress = { percent: Math.round(((i + 1) / ids.length) * 100), message: `Image features ${i + 1} / ${ids.length}`, cached, computed, failed };
      await job.updateProgress(progress);
    }
    return { total: ids.length, cached, computed, failed };
  }
}
