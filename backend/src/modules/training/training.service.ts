import { ConflictException, Injectable, Logger, NotFoundException, BadRequestException } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomInt, randomUUID } from 'node:crypto';
import { AuthUser } from '../../common/current-user.decorator';
import { JobControl } from '../../infra/queue/job-control';
import { JobName, QueueName, TrainModelPayload } from '../../infra/queue/queues';
import { checkTrainable } from '../../ml';
import { TrainingImagesService } from '../images/training-images.service';
import { countPerTraitValue, relevantItems } from './domain/dataset';
import { TRAINING_LIMITS, resolveOptions, TrainingOptions } from './domain/training-options';
import { heldOutShareProblem, thinTraitProblem, tooFewImagesProblem, traitLabel } from './domain/option-messages';
import { toRunView, StoredRun, TrainingRunView } from './domain/run-view';
import { StartTrainingDto } from './dto/start-training.dto';
import { LogEntryView, TrainingRunsRepository } from './training-runs.repository';
import { TrainingRunDocument } from './schemas/training-run.schema';

/** Fewest examples (after the test hold-out) a run needs at all. */
const MIN_TOTAL = 10;

/** API side of training runs: start (checked, one at a time), follow, cancel, history. */
@Injectable()
export class TrainingService {
  private readonly logger = new Logger(TrainingService.name);

  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly images: TrainingImagesService,
    private readonly control: JobControl,
    @InjectQueue(QueueName.Training) private readonly queue: Queue,
  ) {}

  async start(dto: StartTrainingDto, user: AuthUser): Promise<{ id: string; jobId: string }> {
    const heldOut = heldOutShareProblem(
      dto.validationShare ?? TRAINING_LIMITS.validationShare.default,
      dto.testShare ?? TRAINING_LIMITS.testShare.default,
    );
    if (heldOut) throw new BadRequestException(`${heldOut}.`);
    await this.refuseIfLive();
    const options = resolveOptions(dto, () => randomInt(0, 2 ** 31 - 1));
    await this.refuseIfDataTooThin(options);

    const jobId = randomUUID();
    let run: TrainingRunDocument;
    try {
      run = await this.runs.create({
        jobId,
        options: options as unknown as Record<string, unknown>,
        startedBy: user.id,
        startedByName: user.username,
      });
    } catch (err) {
      if (isDuplicateKey(err)) await this.refuseIfLive(true);
      throw err;
    }
    const id = String(run._id);
    await this.runs.log(id, 'info', `Run queued by ${user.username}: traits ${options.traits.map(traitLabel).join(', ')}; validation share ${options.validationShare}, test share ${options.testShare}, at most ${options.maxEpochs} epochs, seed ${options.seed}.`);
    try {
      const payload: TrainModelPayload = { runId: id };
      // attempts: 1 — a crashed run is reported as failed, never silently re-run (the handler is idempotent too).
      await this.queue.add(JobName.TrainModel, payload, { jobId, attempts: 1 });
    } catch (err) {
      await this.runs.finish(id, 'failed', { error: 'The job queue could not be reached, so the run never started. Try again.' });
      throw err;
    }
    this.logger.log(`Training run ${id} queued by ${user.username} (job ${jobId}).`);
    return { id, jobId };
  }

  private async refuseIfLive(afterRace = false): Promise<void> {
    const live = await this.runs.findLive();
    if (live) {
      throw new ConflictException(
        `Training run ${String(live._id)} is already ${live.state} (${live.stage}, ${Math.round(live.progress)} %). ` +
          'Only one run at a time: wait for it to finish or cancel it first.',
      );
    }
    if (afterRace) throw new ConflictException('Another training run was started at the same moment. Only one run at a time: wait for it or cancel it.');
  }

  private async refuseIfDataTooThin(options: TrainingOptions): Promise<void> {
    const snapshot = relevantItems(await this.images.labelledSnapshot(), options.traits);
    const problems: string[] = [];
    if (snapshot.length < MIN_TOTAL) {
      problems.push(tooFewImagesProblem(snapshot.length, options.traits, MIN_TOTAL));
    }
    const labels = snapshot.map((s) => s.label);
    const counts = countPerTraitValue(labels, options.traits);
    // The rule stays the engine's (checkTrainable); the wording is the Training page's.
    const thinTraits = options.traits.filter((t) => checkTrainable(labels, [t], TRAINING_LIMITS.minPerValue).length > 0);
    for (const t of thinTraits) problems.push(thinTraitProblem(t, counts[t], TRAINING_LIMITS.minPerValue));
    if (problems.length) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `The labelled set cannot support this training run: ${problems.join('; ')}. Label more images (at least ${TRAINING_LIMITS.minPerValue} per value) or leave those traits out.`,
        problems,
        counts,
        // the traits the labelled set cannot train yet: the page offers to start without them
        thinTraits,
      });
    }
  }

  async list(limit = 50, skip = 0): Promise<{ items: TrainingRunView[]; total: number }> {
    const [docs, total] = await Promise.all([this.runs.list(limit, skip), this.runs.count()]);
    return { items: docs.map((d) => toRunView(d.toObject() as unknown as StoredRun)), total };
  }

  async get(id: string): Promise<TrainingRunView> {
    return toRunView((await this.mustFind(id)).toObject() as unknown as StoredRun);
  }

  async logs(id: string, afterSeq?: number, limit = 1000): Promise<LogEntryView[]> {
    await this.mustFind(id);
    return this.runs.readLog(id, afterSeq, limit);
  }

  /**
   * Cancels a queued run at once; asks the worker to stop a running one (it checks between epochs and
   * stages and ends the run as cancelled). A finished run cannot be cancelled.
   */
  async cancel(id: string, user: AuthUser): Promise<TrainingRunView> {
    const run = await this.mustFind(id);
    if (run.state !== 'queued' && run.state !== 'running') {
      throw new ConflictException(`Training run ${id} has already ${run.state === 'completed' ? 'completed' : `ended (${run.state})`}; there is nothing to cancel.`);
    }
    // Record who cancels before raising the flag the worker watches, so the worker always finds the name.
    await this.runs.update(id, { cancelRequested: true, cancelledBy: user.username }, ['queued', 'running']);
    await this.control.requestCancel(run.jobId);
    if (run.state === 'queued') {
      const job = await this.queue.getJob(run.jobId);
      const state = job ? await job.getState() : 'unknown';
      if (!job || ['waiting', 'delayed', 'prioritized', 'unknown'].includes(state)) {
        await job?.remove().catch(() => undefined);
        if (await this.runs.finish(id, 'cancelled', { error: `Cancelled by ${user.username} before it started.`, message: 'Cancelled' })) {
          await this.runs.log(id, 'warn', `Cancelled by ${user.username} before it started.`);
        }
      }
    } else {
      await this.runs.log(id, 'warn', `${user.username} asked to cancel; the worker stops at the next checkpoint.`);
    }
    return this.get(id);
  }

  private async mustFind(id: string): Promise<TrainingRunDocument> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundException(`No training run with id "${id}". See the list of runs under Admin → Training.`);
    return run;
  }
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return e?.code === 11000 || /duplicate key/i.test(e?.message ?? '');
}
