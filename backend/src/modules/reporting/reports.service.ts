import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DailySnapshotPayload, JobName, QueueName } from '../../infra/queue/queues';
import { rangeProblems, utcDay } from './domain/dates';
import { meanAccuracy } from './domain/metrics';
import { shareOf, thinnestCells } from './domain/report-shapes';
import { ModelsReportQuery, PredictionsReportQuery, TrainingImagesReportQuery } from './dto/reports.dto';
import { Range, ReportsRepository } from './reports.repository';
import type { ActiveModelRealWorld, ModelsByTrainingDate, ModelsReport, PredictionsReport, SnapshotRuns, TrainingImagesReport } from '../../contracts/reports';

/** The reports API: validated filters in, chart-ready JSON out (every number also shown as a table). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    @InjectQueue(QueueName.Reporting) private readonly queue: Queue,
  ) {}

  /** "Refresh now": today's snapshot as a background job (replaces today's rows when it runs). */
  async requestSnapshot(): Promise<{ jobId: string }> {
    const jobId = randomUUID();
    const payload: DailySnapshotPayload = { date: utcDay() };
    await this.queue.add(JobName.DailySnapshot, payload, { jobId });
    return { jobId };
  }

  async snapshots(): Promise<SnapshotRuns> {
    const runs = (await this.repo.snapshotRuns()).map((r) => ({ ...r, takenAt: new Date(r.takenAt).toISOString() }));
    return { lastSnapshot: runs[0] ?? null, snapshots: runs };
  }

  async deleteReports(q: { from?: string; to?: string }): Promise<{ deleted: number }> {
    const range = this.range(q);
    return { deleted: await this.repo.deleteRange(range) };
  }

  async trainingImages(q: TrainingImagesReportQuery): Promise<TrainingImagesReport> {
    const range = this.range(q);
    const groupBy = q.groupBy ?? 'colour';
    const source = q.source ?? null;
    const series = await this.repo.trainingSeries(range, source);
    const latestDate = series.length ? series[series.length - 1].date : null;
    const latest = latestDate ? series[series.length - 1] : { total: 0, labelled: 0, unlabelled: 0 };
    const [onLatest, bySource, cells] = latestDate
      ? await Promise.all([this.repo.trainingGroups(latestDate, source, groupBy), this.repo.trainingBySource(latestDate, source), this.repo.colourPatternCells(latestDate, source)])
      : [[], [], []];
    const known = onLatest.filter((r) => r.key !== null);
    const knownTotal = known.reduce((a, r) => a + r.count, 0);
    return {
      from: range.from,
      to: range.to,
      groupBy,
      source,
      latestDate,
      totals: {
        total: latest.total,
        labelled: latest.labelled,
        unlabelled: latest.unlabelled,
        /** Labelled images whose value of this trait is not known yet (left out of the balance). */
        unknown: onLatest.filter((r) => r.key === null).reduce((a, r) => a + r.count, 0),
      },
      series,
      groups: known.sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key))).map((r) => ({ key: r.key as string, count: r.count, share: shareOf(r.count, knownTotal) })),
      bySource,
      thinnestCells: thinnestCells(cells),
    };
  }

  async models(q: ModelsReportQuery): Promise<ModelsReport> {
    const range = this.range(q);
    const model = q.model ?? null;
    const latestDate = await this.repo.latestModelsDay(range);
    const series = await this.repo.modelSeries(range, model);
    if (!latestDate) return { from: range.from, to: range.to, model, latestDate, activeModelId: null, models: [], series, byTrainingDate: [], activeModelTestMetrics: [] };
    const [models, metrics, byTrainingDate, all] = await Promise.all([
      this.repo.modelsOn(latestDate, model),
      this.repo.testMetricsOn(latestDate, model),
      this.repo.modelsByTrainingDate(latestDate, model),
      model ? this.repo.modelsOn(latestDate, null) : Promise.resolve(null),
    ]);
    const active = (all ?? models).find((m) => m.isActive) ?? null;
    const activeMetrics = active ? (model && active.modelId !== model ? [] : metrics.filter((m) => m.modelId === active.modelId)) : [];
    return {
      from: range.from,
      to: range.to,
      model,
      latestDate,
      activeModelId: active?.modelId ?? null,
      models: models.map((m) => ({
        ...m,
        createdAt: isoOrNull(m.createdAt),
        trainingStartedAt: isoOrNull(m.trainingStartedAt),
        trainingEndedAt: isoOrNull(m.trainingEndedAt),
        testMetrics: metrics.filter((t) => t.modelId === m.modelId).map(({ modelId: _m, ...t }) => t),
      })),
      series,
      byTrainingDate,
      activeModelTestMetrics: activeMetrics.map(({ modelId: _m, ...t }) => t),
    };
  }

  async predictions(q: PredictionsReportQuery): Promise<PredictionsReport> {
    const range = this.range(q);
    const groupBy = q.groupBy ?? 'colour';
    const model = q.model ?? null;
    const trait = q.trait ?? null;
    const [seriesRows, feedbackRows, modelsDay] = await Promise.all([
      this.repo.predictionSeries(range, model),
      this.repo.feedback(range, model, trait),
      this.repo.latestModelsDay(range),
    ]);
    const latestDate = seriesRows.length ? seriesRows[seriesRows.length - 1].date : null;
    const series = seriesRows.map((r, i) => ({ ...r, newSincePrevious: i === 0 ? null : Math.max(0, r.total - seriesRows[i - 1].total) }));
    const groups = latestDate ? await this.repo.predictionGroups(latestDate, model, groupBy) : [];

    // Real-world accuracy per model and trait over the range.
    const byModelTrait = new Map<string, { modelId: string; trait: string; scored: number; correct: number }>();
    for (const r of feedbackRows) {
      const k = `${r.modelId}|${r.trait}`;
      const acc = byModelTrait.get(k) ?? { modelId: r.modelId, trait: r.trait, scored: 0, correct: 0 };
      acc.scored += r.scored;
      acc.correct += r.correct;
      byModelTrait.set(k, acc);
    }
    const realWorld = [...byModelTrait.values()].map((r) => ({ ...r, accuracy: shareOf(r.correct, r.scored) }));

    // The active model: share of user verdicts that accepted, against its test accuracy.
    let activeModel: ActiveModelRealWorld | null = null;
    const day = modelsDay;
    if (day) {
      const models = await this.repo.modelsOn(day, null);
      const active = models.find((m) => m.isActive);
      if (active && (!model || model === active.modelId)) {
        const [testMetrics, activeGroups] = await Promise.all([
          this.repo.testMetricsOn(day, active.modelId),
          latestDate ? this.repo.predictionGroups(latestDate, active.modelId, 'model') : Promise.resolve([]),
        ]);
        const g = activeGroups[0];
        const accepted = g?.userAccepted ?? 0;
        const rejected = g?.userRejected ?? 0;
        activeModel = {
          modelId: active.modelId,
          name: active.name,
          predictions: g?.total ?? 0,
          userAccepted: accepted,
          userRejected: rejected,
          acceptanceRate: shareOf(accepted, accepted + rejected),
          testAccuracy: active.accuracy ?? meanAccuracy(testMetrics),
          perTrait: testMetrics.map((t) => {
            const rw = byModelTrait.get(`${active.modelId}|${t.trait}`);
            return { trait: t.trait, testAccuracy: t.accuracy, realWorldAccuracy: rw ? shareOf(rw.correct, rw.scored) : null, scored: rw?.scored ?? 0 };
          }),
        };
      }
    }
    const names = await this.repo.modelNames([...new Set([...realWorld.map((r) => r.modelId), ...(groupBy === 'model' ? groups.map((g) => g.key ?? '') : [])])]);
    return {
      from: range.from,
      to: range.to,
      groupBy,
      model,
      trait,
      latestDate,
      series,
      groups: groups.map((g) => ({ ...g, key: g.key ?? 'unknown', ...(groupBy === 'model' ? { name: names.get(g.key ?? '') ?? g.key ?? 'unknown' } : {}) })),
      feedback: feedbackRows.map((r) => ({ ...r, accuracy: shareOf(r.correct, r.scored) })),
      realWorldAccuracy: realWorld.map((r) => ({ ...r, name: names.get(r.modelId) ?? r.modelId })),
      activeModel,
    };
  }

  private range(q: { from?: string; to?: string }): Range {
    const problems = rangeProblems(q.from, q.to);
    if (problems.length) throw new BadRequestException(problems.join('; '));
    return { from: q.from ?? null, to: q.to ?? null };
  }
}

function isoOrNull(d: Date | string | null): string | null {
  return d ? new Date(d).toISOString() : null;
}
