import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, isValidObjectId } from 'mongoose';
import type { TrainingLogEntry as TrainingLogEntryView } from '../../contracts/training';
import {
  ACTIVE_SLOT,
  EpochRecord,
  LogLevel,
  TrainingLogEntry,
  TrainingRun,
  TrainingRunDocument,
  TrainingRunState,
} from './schemas/training-run.schema';

export type TrainingRunPatch = Partial<Omit<TrainingRun, 'createdAt' | 'updatedAt'>>;

export type LogEntryView = TrainingLogEntryView;

const FINAL_STATES: TrainingRunState[] = ['completed', 'failed', 'cancelled'];

let seqCounter = 0;
/** Increasing across processes well enough to order a run's log (ms timestamp * 1000 + a local counter). */
function nextSeq(): number {
  seqCounter = (seqCounter + 1) % 1000;
  return Date.now() * 1000 + seqCounter;
}

/** The only code that touches training_runs and training_log_entries. */
@Injectable()
export class TrainingRunsRepository {
  constructor(
    @InjectModel(TrainingRun.name) private readonly runs: Model<TrainingRun>,
    @InjectModel(TrainingLogEntry.name) private readonly logs: Model<TrainingLogEntry>,
  ) {}

  /** Inserts a queued run holding the single live-run slot; throws a duplicate-key error when one exists. */
  create(data: TrainingRunPatch): Promise<TrainingRunDocument> {
    return this.runs.create({ ...data, slot: ACTIVE_SLOT, state: 'queued', stage: 'queued', progress: 0 });
  }

  findById(id: string): Promise<TrainingRunDocument | null> {
    if (!isValidObjectId(id)) return Promise.resolve(null);
    return this.runs.findById(id).exec();
  }

  findLive(): Promise<TrainingRunDocument | null> {
    return this.runs.findOne({ slot: ACTIVE_SLOT }).exec();
  }

  findByState(states: TrainingRunState[]): Promise<TrainingRunDocument[]> {
    return this.runs.find({ state: { $in: states } }).exec();
  }

  list(limit: number, skip: number): Promise<TrainingRunDocument[]> {
    return this.runs.find().select({ epochs: 0 }).sort({ createdAt: -1 }).skip(skip).limit(limit).exec();
  }

  count(): Promise<number> {
    return this.runs.countDocuments().exec();
  }

  /** Updates the run only while it is in one of `whileIn` states; true when it did. */
  async update(id: string, patch: TrainingRunPatch, whileIn?: TrainingRunState[]): Promise<boolean> {
    const filter: Record<string, unknown> = { _id: id };
    if (whileIn) filter.state = { $in: whileIn };
    const res = await this.runs.updateOne(filter, { $set: patch }).exec();
    return res.matchedCount > 0;
  }

  /** Appends epochs and updates live fields in one write. */
  async pushEpochs(id: string, epochs: EpochRecord[], patch: TrainingRunPatch): Promise<void> {
    const update: Record<string, unknown> = { $set: patch };
    if (epochs.length) update.$push = { epochs: { $each: epochs } };
    await this.runs.updateOne({ _id: id, state: 'running' }, update).exec();
  }

  /**
   * Ends a run (completed / failed / cancelled) and frees the live-run slot. Only from a live state,
   * so a finished run is never rewritten by a late or retried worker.
   */
  async finish(id: string, state: TrainingRunState, patch: TrainingRunPatch): Promise<boolean> {
    const res = await this.runs
      .updateOne(
        { _id: id, state: { $nin: FINAL_STATES } },
        { $set: { ...patch, state, slot: String(id), finishedAt: new Date(), etaSeconds: null } },
      )
      .exec();
    return res.matchedCount > 0;
  }

  async log(runId: string, level: LogLevel, message: string): Promise<void> {
    await this.logs.create({ runId, seq: nextSeq(), timestamp: new Date(), level, message });
  }

  async readLog(runId: string, afterSeq: number | undefined, limit: number): Promise<LogEntryView[]> {
    const filter: Record<string, unknown> = { runId };
    if (afterSeq !== undefined) filter.seq = { $gt: afterSeq };
    const docs = await this.logs.find(filter).sort({ seq: 1 }).limit(limit).lean().exec();
    return docs.map((d) => ({ seq: d.seq, timestamp: new Date(d.timestamp).toISOString(), level: d.level, message: d.message }));
  }
}
