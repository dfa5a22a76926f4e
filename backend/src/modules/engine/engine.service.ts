import { Inject, Injectable, Logger, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { InferencePool, PhenotypePrediction, type Augmentation } from '../../ml';
import { ModelsService } from '../models/models.service';
import type { CurrentModelView } from '../../contracts/predictions';

const POINTER_TTL_MS = 2000;

/**
 * Owns this process's inference pool and keeps it on the active model: the pointer document is
 * re-read at most every 2 s, and a change is loaded into the pool without failing requests in flight.
 */
@Injectable()
export class EngineService implements OnApplicationShutdown {
  private readonly logger = new Logger(EngineService.name);
  private pool: Promise<InferencePool> | null = null;
  private checkedAt = 0;
  private syncing: Promise<void> | null = null;
  /** The active model that failed to load, so it is not retried on every request. */
  private failedModelId: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly models: ModelsService,
  ) {}

  private getPool(): Promise<InferencePool> {
    if (!this.pool) {
      const created = InferencePool.create({ workers: this.config.ml.workers, maxPixels: this.config.uploads.maxImagePixels });
      created.catch(() => {
        this.pool = null;
      });
      this.pool = created;
    }
    return this.pool!;
  }

  /** Starts the pool and loads the active model (called at boot so the first request is fast). */
  async warmUp(): Promise<void> {
    await this.getPool();
    await this.syncActiveModel(true);
  }

  async syncActiveModel(force = false): Promise<void> {
    if (!force && Date.now() - this.checkedAt < POINTER_TTL_MS) return;
    this.syncing ??= (async () => {
      try {
        const pool = await this.getPool();
        const activeId = await this.models.getActiveModelId();
        this.checkedAt = Date.now();
        if (activeId && activeId !== pool.modelId && activeId !== this.failedModelId) {
          const started = Date.now();
          try {
            await pool.setModel(activeId, await this.models.getArtefact(activeId));
            this.failedModelId = null;
            this.logger.log(`Active model is now ${activeId} (loaded in ${Date.now() - started} ms)`);
          } catch (err) {
            // Keep serving with the model already loaded (if any); never take the API down for a bad model.
            this.failedModelId = activeId;
            this.logger.error(`Could not load the active model ${activeId}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      } finally {
        this.syncing = null;
      }
    })();
    await this.syncing;
  }

  async predict(image: Buffer): Promise<PhenotypePrediction & { modelId: string }> {
    await this.syncActiveModel();
    const pool = await this.getPool();
    if (!pool.modelId) {
      throw new ServiceUnavailableException('No model is available yet. An administrator needs to train or activate one.');
    }
    return pool.predict(image);
  }

  /** What the active model can tell (for the public upload page). */
  async currentModel(): Promise<CurrentModelView> {
    const coverage = await this.models.activeCoverage();
    return coverage ? { available: true, ...coverage } : { available: false, answers: [], unlearnt: null };
  }

  /** Features of the image, or of a synthetic training copy of it (ml/augment.ts). */
  async extractFeatures(image: Buffer, augmentation?: Augmentation): Promise<Float32Array> {
    return (await this.getPool()).extractFeatures(image, augmentation);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pool) await (await this.pool.catch(() => null))?.close();
  }
}
