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
  /**
   * Where the time went: reading each source through its module (the three reads overlap, so these are each
   * read's own duration and do not add up), and the Postgres write.
   */
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
    let readsDone = 0;
    const timed = async <T>(read: () => Promise<T>, done?: string): Promise<{ value: T; ms: number }> => {
      const t0 = performance.now();
      const value = await read();
      const ms = Math.round(performance.now() - t0);
      if (done) await progress(5 + 25 * ++readsDone, done);
      return { value, ms };
    };
    // The three reads are independent, so they run at the same time: each is one query (or one cursor) the
    // database serves on its own connection, and the two big ones (training images, predictions) are
    // database-bound, so together they take about as long as the longer one instead of their sum.
    await progress(5, 'Counting training images and predictions, reading models');
    const [images, predictionFacts, modelRead] = await Promise.all([
      timed(() => this.images.countByLabelAndSource(), 'Training images counted'),
      timed(() => this.predictions.snapshotFacts(), 'Predictions counted'),
      timed(() => Promise.all([this.models.listForReporting(), this.models.getActiveModelId()]), 'Models read'),
    ]);
    const trainingImages = images.value;
    const { counts: predictions, feedback } = predictionFacts.value;
    const [models, activeModelId] = modelRead.value;
    const rows = buildSnapshotRows({ day, trainingImages, predictions, feedback, models, activeModelId });
    await progress(80, 'Writing the snapshot');
    const write = await timed(() => this.writer.writeDay(rows, () => performance.now() - started));
    const result: SnapshotResult = {
      date: day,
      ...rows.totals,
      durationMs: Math.round(performance.now() - started),
      phasesMs: { trainingImages: images.ms, predictions: predictionFacts.ms, models: modelRead.ms, write: write.ms },
    };
    this.logger.log(
      `Snapshot ${day}: ${result.trainingImages} training images, ${result.predictions} predictions, ${result.models} models in ${result.durationMs} ms`,
    );
    await progress(100, `Snapshot of ${day} saved`);
    return result;
  }
}
