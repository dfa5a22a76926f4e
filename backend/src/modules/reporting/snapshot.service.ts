import { Injectable, Logger } from '@nestjs/common';
import { ModelsService } from '../models/models.service';
import { PredictionsService } from '../predictions/predictions.service';
import { TrainingImagesService } from '../images/training-images.service';
import { utcDay } from './domain/dates';
import { buildSnapshotRows } from './domain/snapshot-rows';
import { SnapshotWriter } from './snapshot.writer';

export interface SnapshotResult {
  date: string;
  trainingImages: number;
  predictions: number;
  models: number;
  durationMs: number;
  /** Where the time went: reading each source through its module, and the Postgres write. */
  phasesMs: { trainingImages: number; predictions: number; models: number; write: number };
}

export type SnapshotProgress = (percent: number, message: string) => Promise<void> | void;

/**
 * Takes the daily snapshot: reads Mongo only through the owning modules' services, shapes the rows
 * (domain/snapshot-rows), and writes them in one Postgres transaction (SnapshotWriter).
 */
@Injectable()
export class SnapshotService {
  private readonly logger = new Logger(SnapshotService.name);

  constructor(
    private readonly images: TrainingImagesService,
    private readonly predictions: PredictionsService,
    private readonly models: ModelsService,
    private readonly writer: SnapshotWriter,
  ) {}

  async takeSnapshot(day: string = utcDay(), progress: SnapshotProgress = () => undefined): Promise<SnapshotResult> {
    const started = performance.now();
    let t = started;
    const lap = () => {
      const now = performance.now();
      const ms = Math.round(now - t);
      t = now;
      return ms;
    };
    await progress(5, 'Counting training images by label and source');
    const trainingImages = await this.images.countByLabelAndSource();
    const imagesMs = lap();
    await progress(35, 'Counting predictions by label, model and review');
    const { counts: predictions, feedback } = await this.predictions.snapshotFacts();
    const predictionsMs = lap();
    await progress(65, 'Reading models and their metrics');
    const [models, activeModelId] = await Promise.all([this.models.listForReporting(), this.models.getActiveModelId()]);
    const modelsMs = lap();
    const rows = buildSnapshotRows({ day, trainingImages, predictions, feedback, models, activeModelId });
    await progress(80, 'Writing the snapshot');
    await this.writer.writeDay(rows, () => performance.now() - started);
    const result: SnapshotResult = {
      date: day,
      ...rows.totals,
      durationMs: Math.round(performance.now() - started),
      phasesMs: { trainingImages: imagesMs, predictions: predictionsMs, models: modelsMs, write: lap() },
    };
    this.logger.log(
      `Snapshot ${day}: ${result.trainingImages} training images, ${result.predictions} predictions, ${result.models} models in ${result.durationMs} ms`,
    );
    await progress(100, `Snapshot of ${day} saved`);
    return result;
  }
}
