import { Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { BlobStore } from '../../infra/mongo/blob-store';
import { JobCancelledError, JobControl } from '../../infra/queue/job-control';
import {
  DEFAULT_MIN_PER_VALUE,
  FEATURE_VERSION,
  ModelArtefact,
  PhenotypeLabel,
  TrainingSample,
  TraitName,
  copyKey,
  evaluate,
  planAugmentation,
  planSummary,
  serializeArtefact,
  trainHeads,
} from '../../ml';
import { FeatureCacheService } from '../engine/feature-cache.service';
import { ModelsService } from '../models/models.service';
import { TrainingImagesService } from '../images/training-images.service';
import { countPerTraitValue, relevantItems, stratifiedHoldOut } from './domain/dataset';
import { accuracyOverAnswers, answeredOf } from './domain/test-metrics';
import { estimateEtaSeconds, overallProgress, STAGE_RANGES, STAGE_TITLES } from './domain/progress';
import { TrainingOptions } from './domain/training-options';
import { traitLabel } from './domain/option-messages';
import { EpochRecord, LogLevel, TrainingRunDocument, TrainingStage } from './schemas/training-run.schema';
import { TrainingRunPatch, TrainingRunsRepository } from './training-runs.repository';

/** Identifies this worker process on the run record: host, pid and a per-boot nonce (pids get reused). */
export const WORKER_ID = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export type RunOutcome =
  | { outcome: 'completed'; runId: string; modelId: string }
  | { outcome: 'skipped'; runId: string; reason: string };

interface Item {
  id: string;
  sha256: string;
  label: PhenotypeLabel;
}

type ActiveStage = keyof typeof STAGE_RANGES;

const HEARTBEAT_MS = 2000;
const EPOCH_FLUSH_MS = 1000;

/**
 * Runs one training run end to end inside the worker: frozen snapshot → stratified split → features
 * (cache first) → heads with early stopping → test evaluation → artefact in GridFS → registered model.
 * Idempotent per run: a redelivered job never re-trains a run that already started, and a model is
 * registered only after its artefact is saved (the artefact is deleted again when anything fails).
 */
@Injectable()
export class TrainingRunner {
  private readonly logger = new Logger(TrainingRunner.name);
  /** Runs this process is executing right now. */
  private readonly active = new Set<string>();

  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly images: TrainingImagesService,
    private readonly cache: FeatureCacheService,
    private readonly models: ModelsService,
    private readonly blobs: BlobStore,
    private readonly control: JobControl,
  ) {}

  isRunningHere(runId: string): boolean {
    return this.active.has(runId);
  }

  async run(runId: string, jobId: string, report: (percent: number, message: string) => Promise<void>): Promise<RunOutcome> {
    const run = await this.runs.findById(runId);
    if (!run) return { outcome: 'skipped', runId, reason: 'no such run' };
    if (run.state === 'completed' || run.state === 'failed' || run.state === 'cancelled') {
      return { outcome: 'skipped', runId, reason: `run already ${run.state}` };
    }
    if (run.state === 'running') {
      if (this.active.has(runId)) return { outcome: 'skipped', runId, reason: 'already running in this worker' };
      // A previous delivery started it and its worker is gone: report that instead of training twice.
      await this.failCrashed(run, 'The worker running this training stopped unexpectedly (it crashed or was restarted).');
      return { outcome: 'skipped', runId, reason: 'previous attempt crashed' };
    }
    if (run.cancelRequested || (await this.control.isCancelled(jobId))) {
      await this.runs.finish(runId, 'cancelled', { error: `Cancelled by ${run.cancelledBy ?? 'an administrator'} before it started.` });
      return { outcome: 'skipped', runId, reason: 'cancelled before start' };
    }
    const now = new Date();
    const claimed = await this.runs.update(
      runId,
      { state: 'running', stage: 'snapshot', startedAt: now, stageStartedAt: now, workerId: WORKER_ID, heartbeatAt: now, message: STAGE_TITLES.snapshot },
      ['queued'],
    );
    if (!claimed) return { outcome: 'skipped', runId, reason: 'run was no longer queued' };

    this.active.add(runId);
    const ctx = new RunContext(runId, jobId, now.getTime(), this.runs, this.control, report, this.logger);
    ctx.startHeartbeat();
    try {
      const modelId = await this.pipeline(run, ctx);
      return { outcome: 'completed', runId, modelId };
    } catch (err) {
      await ctx.stopHeartbeat();
      await this.cleanUpArtefact(runId);
      if (err instanceof JobCancelledError || ctx.cancelled) {
        const who = (await this.runs.findById(runId))?.cancelledBy ?? 'an administrator';
        await ctx.log('warn', `Cancelled by ${who} during "${STAGE_TITLES[ctx.stage]}". No model was registered.`);
        await this.runs.finish(runId, 'cancelled', { error: `Cancelled by ${who}.`, message: 'Cancelled' });
        throw new JobCancelledError();
      }
      const message = err instanceof Error ? err.message : String(err);
      this.logger.error(`Training run ${runId} failed: ${err instanceof Error ? err.stack : message}`);
      await ctx.log('error', `Failed during "${STAGE_TITLES[ctx.stage]}": ${message}. No model was registered.`);
      await this.runs.finish(runId, 'failed', { error: `Failed during "${STAGE_TITLES[ctx.stage]}": ${message}`, message: 'Failed' });
      throw err;
    } finally {
      await ctx.stopHeartbeat();
      this.active.delete(runId);
    }
  }

  private async pipeline(run: TrainingRunDocument, ctx: RunContext): Promise<string> {
    const runId = String(run._id);
    const options = run.options as unknown as TrainingOptions;
    const traits = options.traits;
    const startedAt = run.startedAt ?? new Date();
    await ctx.log('info', `Started on worker ${WORKER_ID.split(':').slice(0, 2).join(' pid ')}.`);

    // 1. Snapshot: ids and labels frozen now; later labelling does not change this run.
    await ctx.enter('snapshot');
    const snapshot: Item[] = (await this.images.labelledSnapshot()).map((s) => ({ id: String(s.id), sha256: s.sha256, label: s.label }));
    const items = relevantItems(snapshot, traits);
    const counts = countPerTraitValue(items.map((i) => i.label), traits);
    await ctx.log('info', `Froze the labelled set: ${items.length} images carry the traits to train (${snapshot.length} labelled in total).`);
    for (const t of traits) {
      const c = Object.entries(counts[t]).map(([v, n]) => `${v} ${n}`).join(', ');
      await ctx.log('info', `${t}: ${c || 'no labels'}`);
    }
    await ctx.checkCancelled();

    // 2. Stratified split: a test part kept aside; trainHeads holds out validation from the rest.
    await ctx.enter('split');
    const { kept, heldOut } = stratifiedHoldOut(items, options.testShare, options.seed, traits);
    const validationApprox = Math.round(kept.length * options.validationShare);
    const summary: Record<string, unknown> = {
      total: items.length,
      labelledTotal: snapshot.length,
      train: kept.length - validationApprox,
      validation: validationApprox,
      test: heldOut.length,
      perTrait: counts,
      testPerTrait: countPerTraitValue(heldOut.map((i) => i.label), traits),
    };
    await this.runs.update(runId, { datasetSummary: summary });
    await ctx.log(
      'info',
      `Split with seed ${options.seed}: ${kept.length - validationApprox} to train, about ${validationApprox} to validate (early stopping), ${heldOut.length} to test.`,
    );
    // values too rare in the part that trains, unless recoloured copies top them up (step 3)
    const keptCounts = countPerTraitValue(kept.map((i) => i.label), traits);
    const keptPlan = planAugmentation(kept.map((i) => i.label), { seed: options.seed });
    const toppedUp = new Set(keptPlan.flatMap((c) => (c.augmentation.kind === 'recolour' ? [`colour:${c.augmentation.to}`] : [])));
    for (const t of traits) {
      const thin = Object.entries(counts[t])
        .map(([v]) => [v, keptCounts[t][v] ?? 0] as const)
        .filter(([v, n]) => n < DEFAULT_MIN_PER_VALUE && !toppedUp.has(`${t}:${v}`));
      if (thin.length) {
        await ctx.log(
          'warn',
          `${t}: ${thin.map(([v, n]) => `"${v}" (${n})`).join(', ')} ${thin.length === 1 ? 'has' : 'have'} fewer than ${DEFAULT_MIN_PER_VALUE} training examples and will not be predicted by this model.`,
        );
      }
    }
    await ctx.checkCancelled();

    // 3. Features: reuse the cache, compute only what is missing.
    await ctx.enter('features');
    // the stage's bar is shared with the synthetic copies (step 3b) when there will be any, so it never stalls
    const copiesPlanned = keptPlan.some((c) => traits.includes(c.trait));
    const realShare = copiesPlanned ? 0.5 : 1;
    const { features, cached, computed, unusable } = await this.loadFeatures([...kept, ...heldOut], ctx, realShare);
    Object.assign(summary, { featuresCached: cached, featuresComputed: computed, unusable: unusable.length });
    await this.runs.update(runId, { datasetSummary: summary });
    const toSamples = (list: Item[]): TrainingSample[] =>
      list.filter((i) => features.has(i.sha256)).map((i) => ({ features: features.get(i.sha256)!, label: i.label }));
    const usable = kept.filter((i) => features.has(i.sha256));
    const trainSamples = [...toSamples(usable), ...(await this.syntheticCopies(usable, traits, options.seed, ctx, realShare))];
    const testSamples = toSamples(heldOut);
    Object.assign(summary, { syntheticCopies: trainSamples.length - usable.length });
    await this.runs.update(runId, { datasetSummary: summary });
    await ctx.checkCancelled();

    // 4. Fit the heads with early stopping on the validation part.
    await ctx.enter('training');
    const copies = trainSamples.length - usable.length;
    await ctx.log(
      'info',
      `Fitting heads for ${traits.map(traitLabel).join(', ')} on ${usable.length} images${copies ? ` (+${copies} synthetic copies of rare values)` : ''} (at most ${options.maxEpochs} epochs, early stopping on validation loss).`,
    );
    let lastTrait: string | null = null;
    const artefact: ModelArtefact = await trainHeads(
      trainSamples,
      { traits, validationShare: options.validationShare, maxEpochs: options.maxEpochs, seed: options.seed, featureVersion: FEATURE_VERSION },
      (e) => {
        const trait = (e.trait as string | undefined) ?? null;
        if (trait !== lastTrait) {
          lastTrait = trait;
          void ctx.log('info', `Training the ${trait ?? 'trait'} head…`);
        }
        ctx.epoch(
          { trait, epoch: e.epoch, loss: e.loss, accuracy: e.accuracy, valLoss: e.valLoss ?? null, valAccuracy: e.valAccuracy ?? null },
          typeof e.progress === 'number' ? e.progress : 0,
        );
      },
      () => ctx.cancelled,
    );
    await ctx.flushEpochs();
    await ctx.checkCancelled();
    for (const [trait, info] of Object.entries(artefact.training?.traits ?? {})) {
      if (!info) continue;
      const name = traitLabel(trait); // the page's words, not the code's
      if (info.skipped) await ctx.log('warn', `${name}: not trained — ${info.skipped}`);
      else
        await ctx.log(
          'info',
          `${name}: best epoch ${info.bestEpoch ?? '?'}, validation loss ${fmt(info.valLoss)}, validation accuracy ${pct(info.valAccuracy)}.`,
        );
    }

    // 5. Evaluate on the untouched test part.
    await ctx.enter('evaluation');
    const report = evaluate(artefact, testSamples);
    artefact.metrics = report;
    const perTrait = ((report as unknown as { traits?: Record<string, Record<string, unknown>> }).traits ?? {}) as Record<string, Record<string, unknown>>;
    const metrics: Record<string, Record<string, unknown>> = {};
    for (const t of traits) if (perTrait[t]) metrics[t] = finiteOnly(perTrait[t]) as Record<string, unknown>;
    for (const [t, m] of Object.entries(metrics)) {
      const a = answeredOf(m);
      const of = `${a ?? '?'} of ${m.n ?? '?'} test images answered`;
      await ctx.log(
        a === 0 ? 'warn' : 'info',
        a === 0
          ? `Test ${traitLabel(t)}: no answers (“not sure” on all ${m.n} test images), so no accuracy.`
          : `Test ${traitLabel(t)}: accuracy ${pct(m.accuracy)}, balanced accuracy ${pct(m.balancedAccuracy)}, macro-F1 ${fmt(m.macroF1)}, calibration error ${fmt(m.ece)} (${of}).`,
      );
    }
    await this.runs.update(runId, { metrics: headline(metrics) });
    await ctx.checkCancelled();

    // 6. Save the artefact (recorded on the run so a crash can clean it up).
    await ctx.enter('saving');
    const bytes = serializeArtefact(artefact);
    const fileId = await this.blobs.put('models', bytes, `model-${runId}.catml`, 'application/octet-stream', { trainingRunId: runId });
    await this.runs.update(runId, { artefactFileId: fileId });
    await ctx.log('info', `Saved the model file (${(bytes.length / 1024).toFixed(0)} KiB).`);
    await ctx.checkCancelled();

    // 7. Register — only now, with everything in place.
    await ctx.enter('registering');
    const endedAt = new Date();
    // the model's accuracy: the share of right answers over every answered test photo of every trait, so a trait
    // answered once does not weigh as much as one answered sixty times (a plain mean of the traits did)
    const accuracy = accuracyOverAnswers(Object.values(metrics));
    const valLosses = Object.values(artefact.training?.traits ?? {})
      .map((i) => i?.valLoss)
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const { id: modelId, created } = await this.models.registerTrainedModel({
      trainingRunId: runId,
      name: options.name ?? `Model ${endedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      artefactFileId: fileId,
      featureVersion: FEATURE_VERSION,
      metrics,
      datasetSummary: summary,
      trainingOptions: options as unknown as Record<string, unknown>,
      startedBy: run.startedBy,
      startedByName: run.startedByName ?? null,
      trainingStartedAt: startedAt,
      trainingEndedAt: endedAt,
      loss: valLosses.length ? round4(valLosses.reduce((a, b) => a + b, 0) / valLosses.length) : null,
      accuracy: accuracy === null ? null : round4(accuracy),
    });
    if (!created) await ctx.log('warn', 'This run had already registered its model; kept that one.');
    await ctx.stopHeartbeat();
    // The last log line goes in before the run turns 'completed': a page that stops following the log when it
    // sees the end state has then already been able to read it.
    await this.runs.log(
      runId,
      'info',
      `Registered model ${modelId} in ${Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)} s. Activate it under Admin → Models to use it for predictions.`,
    );
    await this.runs.finish(runId, 'completed', { modelId, stage: 'done', progress: 100, message: STAGE_TITLES.done });
    await ctx.report(100, 'Completed');
    return modelId;
  }

  /** Features of every item, from the cache or computed; reports progress over `share` of the features stage. */
  private async loadFeatures(
    items: Item[],
    ctx: RunContext,
    share = 1,
  ): Promise<{ features: Map<string, Float32Array>; cached: number; computed: number; unusable: Item[] }> {
    const hashes = [...new Set(items.map((i) => i.sha256))];
    const features = await this.cache.getMany(hashes);
    const cached = features.size;
    const seen = new Set<string>();
    const missing = items.filter((i) => {
      if (features.has(i.sha256) || seen.has(i.sha256)) return false;
      seen.add(i.sha256);
      return true;
    });
    await ctx.log('info', `Features: ${cached} of ${hashes.length} images already cached (reused), ${missing.length} to compute.`);
    const unusable: Item[] = [];
    let done = 0;
    let computed = 0;
    const started = Date.now();
    let next = 0;
    const workers = Math.max(1, Math.min(4, missing.length));
    const work = async (): Promise<void> => {
      while (next < missing.length && !ctx.cancelled) {
        const item = missing[next++];
        try {
          const { vector } = await this.cache.getOrCompute(item.sha256, () => this.images.loadOriginal(item.id));
          features.set(item.sha256, vector);
          computed++;
        } catch (err) {
          unusable.push(item);
          await ctx.log('warn', `Skipped image ${item.id}: ${err instanceof Error ? err.message : String(err)}`);
        }
        done++;
        ctx.progress((share * done) / missing.length, `Computing features: ${done} / ${missing.length}`);
      }
    };
    await Promise.all(Array.from({ length: workers }, work));
    ctx.progress(share);
    await ctx.checkCancelled();
    if (missing.length) {
      const secs = (Date.now() - started) / 1000;
      await ctx.log('info', `Computed features for ${computed} images in ${secs.toFixed(1)} s (${(computed / Math.max(secs, 0.001)).toFixed(1)} images/s).`);
    }
    if (unusable.length) await ctx.log('warn', `${unusable.length} images could not be read and were left out.`);
    return { features, cached, computed, unusable };
  }

  /**
   * Synthetic copies of training photos (ml/augment.ts): recoloured copies for the rare colours, mirrored copies
   * for the minority values. Each trains only its trait's head and never validates or tests. A copy that cannot be
   * made is left out with a warning.
   */
  private async syntheticCopies(items: Item[], traits: readonly TraitName[], seed: number, ctx: RunContext, from = 0): Promise<TrainingSample[]> {
    const plan = planAugmentation(items.map((i) => i.label), { seed }).filter((c) => traits.includes(c.trait));
    if (!plan.length) return [];
    const summary = Object.entries(planSummary(plan)).map(([kind, n]) => `${n} ${kind}`);
    await ctx.log(
      'info',
      `Rare values get synthetic copies: ${summary.join(', ')}. Each trains only its trait's head; validation and test use real photos.`,
    );
    const out: TrainingSample[] = [];
    const vectors = new Map<string, Float32Array | null>(); // one feature pass per distinct copy
    let failed = 0;
    const started = Date.now();
    for (const [i, c] of plan.entries()) {
      if (ctx.cancelled) break;
      ctx.progress(from + ((1 - from) * i) / plan.length, `Making synthetic copies of rare values: ${i} / ${plan.length}`);
      const item = items[c.source];
      if (!vectors.has(copyKey(c))) {
        try {
          vectors.set(copyKey(c), (await this.cache.getOrCompute(item.sha256, () => this.images.loadOriginal(item.id), c.augmentation)).vector);
        } catch (err) {
          vectors.set(copyKey(c), null);
          failed++;
          this.logger.warn(`Synthetic copy of image ${item.id} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      const vector = vectors.get(copyKey(c));
      if (vector) out.push({ features: vector, label: c.label, synthetic: c.trait });
    }
    if (failed) await ctx.log('warn', `${failed} synthetic copies could not be made and were left out.`);
    await ctx.checkCancelled();
    await ctx.log('info', `Made ${out.length} synthetic copies in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return out;
  }

  /** Marks a run whose worker died as failed, and removes an artefact it saved but never registered. */
  async failCrashed(run: TrainingRunDocument, reason: string): Promise<void> {
    const runId = String(run._id);
    const model = await this.models.findByTrainingRunId(runId);
    if (model) {
      // It crashed after registering: the model is complete, so the run did succeed.
      if (await this.runs.finish(runId, 'completed', { modelId: String(model._id), stage: 'done', progress: 100 })) {
        await this.runs.log(runId, 'warn', `The worker stopped right after registering model ${String(model._id)}; the run is complete.`);
      }
      return;
    }
    await this.cleanUpArtefact(runId);
    const stage = STAGE_TITLES[run.stage] ?? run.stage;
    if (await this.runs.finish(runId, 'failed', { error: `${reason} The run was in "${stage}". No model was registered; start a new run.`, message: 'Failed' })) {
      await this.runs.log(runId, 'error', `${reason} The run was in "${stage}" at ${Math.round(run.progress)} %. No model was registered.`);
      this.logger.warn(`Marked training run ${runId} as failed: ${reason}`);
    }
  }

  private async cleanUpArtefact(runId: string): Promise<void> {
    const run = await this.runs.findById(runId);
    if (!run?.artefactFileId) return;
    if (await this.models.findByTrainingRunId(runId)) return;
    await this.blobs.delete('models', run.artefactFileId).catch(() => undefined);
    await this.runs.update(runId, { artefactFileId: null });
  }
}

/** Live state of one executing run: stage, progress, throttled writes, heartbeat and the cancel flag. */
class RunContext {
  stage: TrainingStage = 'snapshot';
  cancelled = false;
  private percent = 0;
  private message = '';
  private pendingEpochs: EpochRecord[] = [];
  private lastFlush = 0;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runId: string,
    private readonly jobId: string,
    private readonly startedAtMs: number,
    private readonly runs: TrainingRunsRepository,
    private readonly control: JobControl,
    readonly report: (percent: number, message: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  startHeartbeat(): void {
    this.timer = setInterval(() => {
      void this.control
        .isCancelled(this.jobId)
        .then((c) => (this.cancelled ||= c))
        .catch(() => undefined);
      this.queueWrite(true);
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  async stopHeartbeat(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.writing;
  }

  async log(level: LogLevel, message: string): Promise<void> {
    try {
      await this.runs.log(this.runId, level, message);
    } catch (err) {
      this.logger.warn(`Could not write a log line of run ${this.runId}: ${String(err)}`);
    }
  }

  async enter(stage: ActiveStage): Promise<void> {
    this.stage = stage;
    this.percent = overallProgress(stage, 0);
    this.message = STAGE_TITLES[stage];
    await this.writing;
    await this.runs.update(this.runId, { stage, stageStartedAt: new Date(), progress: this.percent, message: this.message }, ['running']);
    await this.report(this.percent, this.message).catch(() => undefined);
  }

  progress(fraction: number, message?: string): void {
    this.percent = overallProgress(this.stage as ActiveStage, fraction);
    if (message) this.message = message;
    this.queueWrite(false);
  }

  epoch(e: EpochRecord, fraction: number): void {
    this.pendingEpochs.push(sanitiseEpoch(e));
    this.progress(fraction, `${STAGE_TITLES.training}: ${e.trait ?? ''} epoch ${e.epoch}`.replace('  ', ' '));
  }

  async flushEpochs(): Promise<void> {
    this.queueWrite(true);
    await this.writing;
  }

  async checkCancelled(): Promise<void> {
    if (!this.cancelled) this.cancelled = await this.control.isCancelled(this.jobId);
    if (this.cancelled) throw new JobCancelledError();
  }

  /** At most one write a second (always when forced), chained so writes stay in order. */
  private queueWrite(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastFlush < EPOCH_FLUSH_MS) return;
    this.lastFlush = now;
    const epochs = this.pendingEpochs;
    this.pendingEpochs = [];
    const patch: TrainingRunPatch = {
      progress: this.percent,
      message: this.message,
      heartbeatAt: new Date(),
      etaSeconds: estimateEtaSeconds(this.startedAtMs, now, this.percent),
    };
    const percent = this.percent;
    const message = this.message;
    this.writing = this.writing
      .then(() => this.runs.pushEpochs(this.runId, epochs, patch))
      .then(() => this.report(percent, message))
      .catch((err) => this.logger.warn(`Could not update run ${this.runId}: ${String(err)}`));
  }
}

function sanitiseEpoch(e: EpochRecord): EpochRecord {
  const num = (v: number | null): number | null => (typeof v === 'number' && Number.isFinite(v) ? round4(v) : null);
  return { trait: e.trait, epoch: e.epoch, loss: num(e.loss) ?? 0, accuracy: num(e.accuracy) ?? 0, valLoss: num(e.valLoss), valAccuracy: num(e.valAccuracy) };
}

function headline(metrics: Record<string, Record<string, unknown>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [t, m] of Object.entries(metrics)) {
    out[t] = {};
    for (const [k, v] of Object.entries(m)) if (typeof v === 'number' && Number.isFinite(v)) out[t][k] = v;
  }
  return out;
}

/** MongoDB/FerretDB cannot store NaN or ±Infinity: those become null. */
function finiteOnly(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(finiteOnly);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, finiteOnly(x)]));
  }
  return v;
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const fmt = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : 'n/a');
const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : 'n/a');

