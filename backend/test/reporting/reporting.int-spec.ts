/**
 * Reporting warehouse against the real servers: migrations on a fresh Postgres database, the daily
 * snapshot job (consumed by the reporting worker module) over a known dataset in FerretDB, idempotent
 * re-runs, the reports API and its validation, and "delete reporting data" touching only warehouse rows.
 *
 * Seeding goes through the owning modules' public services and the API (training images via
 * TrainingImagesService.importImage, models via ModelsService, feedback/review via the predictions API).
 * Predictions themselves are inserted with the driver, mirroring the predictions schema: creating them
 * through POST /api/predictions needs a trained model in the engine, which this spec does not load.
 */
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MongoClient } from 'mongodb';
import { startTestApp, TestApp, waitForJob, TEST_DATABASE_URL } from '../support/test-app';
import { noisyJpeg } from '../support/images';
import { ConfigModule } from '../../src/config/config.module';
import { MongoModule } from '../../src/infra/mongo/mongo.module';
import { PostgresModule } from '../../src/infra/postgres/postgres.module';
import { QueueModule } from '../../src/infra/queue/queue.module';
import { postgresOptions } from '../../src/infra/postgres/data-source-options';
import { BlobStore } from '../../src/infra/mongo/blob-store';
import { ReportingWorkerModule } from '../../src/modules/reporting/reporting.worker.module';
import { TrainingImagesService } from '../../src/modules/images/training-images.service';
import { ModelsService } from '../../src/modules/models/models.service';
import { FEATURE_VERSION } from '../../src/ml';

/** The worker process as far as reporting is concerned (same infra modules as worker.module.ts). */
@Module({ imports: [ConfigModule, MongoModule, PostgresModule, QueueModule, ReportingWorkerModule] })
class ReportingWorkerTestModule {}

const WAREHOUSE_TABLES = [
  'dim_date',
  'dim_label',
  'dim_model',
  'dim_prediction_review_status',
  'dim_training_image_source',
  'fact_model_test_metrics_daily_snapshot',
  'fact_models_daily_snapshot',
  'fact_prediction_feedback_daily',
  'fact_predictions_daily_snapshot',
  'fact_predictions_daily_totals',
  'fact_training_images_daily_snapshot',
  'fact_training_images_daily_totals',
  'reporting_snapshot_runs',
];
const FACT_TABLES = WAREHOUSE_TABLES.filter((t) => t.startsWith('fact_') || t === 'reporting_snapshot_runs');

const BLUE_SELF = { is_cat: true, colour: 'blue', pattern: 'self', is_tabby: false, is_pointed: false };
const RED_BICOLOUR = { is_cat: true, colour: 'red', pattern: 'bicolour', is_tabby: true, is_pointed: false };
jest.setTimeout(180_000);

const today = () => new Date().toISOString().slice(0, 10);

describe('reporting warehouse (Postgres + FerretDB + Redis)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let token: string;
  let pg: Client;
  let mongo: MongoClient;
  let modelA: string;
  let modelB: string;
  const predictionIds: string[] = [];

  const get = (url: string) => t.http().get(url).set('Authorization', `Bearer ${token}`);
  const snapshot = async () => {
    const res = await t.http().post('/api/admin/reports/snapshots').set('Authorization', `Bearer ${token}`).expect(202);
    expect(res.body).toEqual({ jobId: expect.any(String) });
    const job = await waitForJob(t, res.body.jobId);
    expect(job.state).toBe('completed');
    return job;
  };
  const factCounts = async () => {
    const out: Record<string, number> = {};
    for (const table of FACT_TABLES) out[table] = Number((await pg.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp('reporting');
    token = await t.adminToken();
    worker = await NestFactory.createApplicationContext(ReportingWorkerTestModule, { logger: ['error'] });
    pg = new Client({ connectionString: t.env.env.DATABASE_URL });
    await pg.connect();
    mongo = new MongoClient(t.env.env.MONGO_URL);
    await mongo.connect();

    // Training set: 3 blue self + 2 red bicolour tabby (labelled), 1 not-a-cat, 3 unlabelled.
    const images = t.app.get(TrainingImagesService);
    const seed = async (source: 'upload' | 'zip', label: Record<string, unknown> | undefined) => {
      const r = await images.importImage(await noisyJpeg(64, 48), { source, label: label as never, userId: 'test', originalName: 'x.jpg' });
      expect(r.outcome).toBe('imported');
    };
    for (let i = 0; i < 3; i++) await seed('upload', BLUE_SELF);
    for (let i = 0; i < 2; i++) await seed('zip', RED_BICOLOUR);
    await seed('upload', { is_cat: false });
    await seed('upload', undefined);
    await seed('upload', undefined);
    await seed('zip', undefined);

    // Two models with known metrics; B is active.
    const models = t.app.get(ModelsService);
    const blobs = t.app.get(BlobStore);
    // a model's accuracy is read from its per-trait metrics (right answers over answers): A's are all 0.7
    const metricsOf = (name: string) =>
      name === 'Model A'
        ? { colour: { accuracy: 0.7, balancedAccuracy: 0.6, macroF1: 0.55, n: 20, abstentionRate: 0.25 }, pattern: { accuracy: 0.7, balancedAccuracy: 0.65, macroF1: 0.6 } }
        : { colour: { accuracy: 0.8, balancedAccuracy: 0.7, macroF1: 0.65, n: 20, abstentionRate: 0.25 }, pattern: { accuracy: 0.9, balancedAccuracy: 0.85, macroF1: 0.8 } };
    const register = async (name: string, accuracy: number, loss: number, ended: string) => {
      const artefactFileId = await blobs.put('models', Buffer.from('not a real artefact'), `${name}.model`, 'application/octet-stream', {});
      const r = await models.registerTrainedModel({
        trainingRunId: randomBytes(6).toString('hex'),
        name,
        artefactFileId,
        featureVersion: FEATURE_VERSION,
        metrics: metricsOf(name),
        datasetSummary: {},
        trainingOptions: {},
        startedBy: null,
        startedByName: null,
        trainingStartedAt: new Date(`${ended}T10:00:00Z`),
        trainingEndedAt: new Date(`${ended}T10:05:00Z`),
        loss,
        accuracy,
      });
      return r.id;
    };
    modelA = await register('Model A', 0.7, 0.9, '2025-03-01');
    modelB = await register('Model B', 0.85, 0.5, '2025-04-01');
    await models.activate(modelB, null);

    // Four predictions by model B: 2 blue self, 1 red bicolour, 1 not a cat.
    const labels = [BLUE_SELF, BLUE_SELF, RED_BICOLOUR, { is_cat: false, colour: null, pattern: null, is_tabby: null, is_pointed: null }];
    const docs = labels.map((predicted) => {
      const id = randomBytes(16).toString('base64url');
      predictionIds.push(id);
      const traits = Object.fromEntries(Object.entries(predicted).map(([k, v]) => [k, { value: v, confidence: 0.9, unsure: false }]));
      return {
        _id: id,
        imageBlobId: 'none',
        displayBlobId: 'none',
        sha256: randomBytes(32).toString('hex'),
        width: 64,
        height: 48,
        modelId: modelB,
        traits,
        predicted,
        breederCode: null,
        breederName: null,
        feedback: null,
        userReview: 'none',
        adminReview: 'none',
        queueRank: 1,
        review: null,
        trainingImageId: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      };
    });
    await mongo.db().collection('predictions').insertMany(docs as never[]);
    // Breeders: #0 accepted, #1 rejected (colour was lilac), #2 accepted; an admin accepts #0.
    await t.http().post(`/api/predictions/${predictionIds[0]}/feedback`).send({ accepted: true }).expect(201);
    await t.http().post(`/api/predictions/${predictionIds[1]}/feedback`).send({ accepted: false, correction: { colour: 'lilac' } }).expect(201);
    await t.http().post(`/api/predictions/${predictionIds[2]}/feedback`).send({ accepted: true }).expect(201);
    await t.http().post(`/api/admin/predictions/${predictionIds[0]}/review`).set('Authorization', `Bearer ${token}`).send({ decision: 'accept' }).expect(201);
  });

  afterAll(async () => {
    await pg?.end();
    await mongo?.close();
    await worker?.close();
    await t?.close();
  });

  it('creates the warehouse on a fresh database through the TypeORM migration run at API boot', async () => {
    const rows = (await pg.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map((r) => r.table_name);
    expect(rows).toEqual(expect.arrayContaining([...WAREHOUSE_TABLES, 'typeorm_migrations']));
    const applied = (await pg.query('SELECT name FROM typeorm_migrations')).rows.map((r) => r.name);
    expect(applied).toEqual(expect.arrayContaining(['ReportingWarehouse1767225600000', 'ReportingDailyTotals1795651200000']));
    expect((await pg.query('SELECT name FROM dim_prediction_review_status ORDER BY status_key')).rows.map((r) => r.name)).toEqual(['none', 'accepted', 'rejected']);
  });

  it('runs and reverts the migrations with the plain DataSource too (fresh database)', async () => {
    const name = `t_reporting_mig_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: `${TEST_DATABASE_URL}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const ds = new DataSource(postgresOptions(`${TEST_DATABASE_URL}/${name}`));
    try {
      await ds.initialize();
      const ran = await ds.runMigrations();
      expect(ran.map((m) => m.name)).toContain('ReportingWarehouse1767225600000');
      expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name LIKE 'fact_%'`))[0].n)).toBe(WAREHOUSE_TABLES.filter((t) => t.startsWith('fact_')).length);
      while ((await ds.query('SELECT COUNT(*) AS n FROM typeorm_migrations'))[0].n !== '0') await ds.undoLastMigration();
      expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name LIKE 'fact_%' OR table_name LIKE 'dim_%'`))[0].n)).toBe(0);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('answers with empty reports before any snapshot', async () => {
    const res = await get('/api/admin/reports/training-images').expect(200);
    expect(res.body.latestDate).toBeNull();
    expect(res.body.series).toEqual([]);
    expect((await get('/api/admin/reports/models').expect(200)).body.models).toEqual([]);
    expect((await get('/api/admin/reports/predictions').expect(200)).body.series).toEqual([]);
    expect((await get('/api/admin/reports/snapshots').expect(200)).body.lastSnapshot).toBeNull();
  });

  it('rejects bad filters with a readable 400', async () => {
    const bad = async (url: string, words: RegExp) => {
      const res = await get(url).expect(400);
      expect(res.body.message).toMatch(words);
    };
    await bad('/api/admin/reports/training-images?from=2025-02-30', /from must be a date written YYYY-MM-DD/);
    await bad('/api/admin/reports/training-images?from=yesterday', /from must be a date/);
    await bad('/api/admin/reports/models?from=2025-05-01&to=2025-04-01', /is after to/);
    await bad('/api/admin/reports/training-images?groupBy=size', /groupBy must be one of colour, pattern/);
    await bad('/api/admin/reports/predictions?groupBy=breed', /groupBy must be one of/);
    await bad('/api/admin/reports/predictions?trait=eyes', /trait must be one of/);
    await bad('/api/admin/reports/training-images?source=camera', /source must be one of/);
    await bad('/api/admin/reports/training-images?colour=blue', /should not exist/);
    const del = await t.http().delete('/api/admin/reports?to=2025-13-01').set('Authorization', `Bearer ${token}`).expect(400);
    expect(del.body.message).toMatch(/to must be a date/);
    await t.http().get('/api/admin/reports/training-images').expect(401);
    await t.http().delete('/api/admin/reports').expect(401);
  });

  it('a snapshot of the known dataset gives exact counts', async () => {
    const job = await snapshot();
    expect(job.result).toMatchObject({ date: today(), trainingImages: 9, predictions: 4, models: 2 });

    const colour = (await get('/api/admin/reports/training-images?groupBy=colour').expect(200)).body;
    expect(colour.latestDate).toBe(today());
    expect(colour.totals).toEqual({ total: 9, labelled: 6, unlabelled: 3, unknown: 0 });
    expect(colour.series).toEqual([{ date: today(), total: 9, labelled: 6, unlabelled: 3 }]);
    // The not-a-cat image is labelled but has no colour: out of the colour balance, as are unlabelled images.
    expect(colour.groups).toEqual([
      { key: 'blue', count: 3, share: 0.6 },
      { key: 'red', count: 2, share: 0.4 },
    ]);
    expect(colour.bySource).toEqual([
      { source: 'upload', labelled: 4, unlabelled: 2 },
      { source: 'zip', labelled: 2, unlabelled: 1 },
    ]);
    expect(colour.thinnestCells).toHaveLength(30);
    expect(colour.thinnestCells.slice(-2)).toEqual([
      { colour: 'red', pattern: 'bicolour', count: 2 },
      { colour: 'blue', pattern: 'self', count: 3 },
    ]);
    expect(colour.thinnestCells[0]).toEqual({ colour: 'black', pattern: 'self', count: 0 });

    const isCat = (await get('/api/admin/reports/training-images?groupBy=is_cat').expect(200)).body;
    expect(isCat.groups).toEqual([
      { key: 'true', count: 5, share: 0.8333 },
      { key: 'false', count: 1, share: 0.1667 },
    ]);
    const zip = (await get('/api/admin/reports/training-images?groupBy=source&source=zip').expect(200)).body;
    expect(zip.totals).toMatchObject({ total: 3, labelled: 2, unlabelled: 1 });
    expect(zip.groups).toEqual([{ key: 'zip', count: 2, share: 1 }]);

    const models = (await get('/api/admin/reports/models').expect(200)).body;
    expect(models.activeModelId).toBe(modelB);
    expect(models.models.map((m: any) => [m.modelId, m.name, m.accuracy, m.loss, m.isActive, m.trainingEndedDate])).toEqual([
      [modelA, 'Model A', 0.7, 0.9, false, '2025-03-01'],
      [modelB, 'Model B', 0.85, 0.5, true, '2025-04-01'],
    ]);
    expect(models.activeModelTestMetrics).toEqual([
      { trait: 'colour', accuracy: 0.8, balancedAccuracy: 0.7, macroF1: 0.65, scored: 20, answered: 15 },
      { trait: 'pattern', accuracy: 0.9, balancedAccuracy: 0.85, macroF1: 0.8, scored: null, answered: null },
    ]);
    expect(models.byTrainingDate).toHaveLength(2);
    expect(models.byTrainingDate[1]).toMatchObject({ trainingStartedDate: '2025-04-01', models: 1, minAccuracy: 0.85, maxAccuracy: 0.85, avgLoss: 0.5 });

    const preds = (await get('/api/admin/reports/predictions?groupBy=colour').expect(200)).body;
    expect(preds.series).toEqual([
      { date: today(), total: 4, userAccepted: 2, userRejected: 1, adminAccepted: 1, adminRejected: 0, newSincePrevious: null },
    ]);
    expect(preds.groups).toEqual([
      { key: 'blue', total: 2, userNone: 0, userAccepted: 1, userRejected: 1, adminNone: 1, adminAccepted: 1, adminRejected: 0 },
      // the prediction that found no cat has a group of its own: the groups add up to the day's total (4)
      { key: 'not-a-cat', total: 1, userNone: 1, userAccepted: 0, userRejected: 0, adminNone: 1, adminAccepted: 0, adminRejected: 0 },
      { key: 'red', total: 1, userNone: 0, userAccepted: 1, userRejected: 0, adminNone: 1, adminAccepted: 0, adminRejected: 0 },
    ]);
    const byUser = (await get('/api/admin/reports/predictions?groupBy=user_review').expect(200)).body;
    expect(Object.fromEntries(byUser.groups.map((g: any) => [g.key, g.total]))).toEqual({ accepted: 2, rejected: 1, none: 1 });
    // Real-world accuracy: colour scored 3 times (2 right, 1 corrected to lilac).
    expect(preds.realWorldAccuracy).toEqual(
      expect.arrayContaining([{ modelId: modelB, name: 'Model B', trait: 'colour', scored: 3, correct: 2, accuracy: 0.6667 }]),
    );
    expect(preds.activeModel).toMatchObject({ modelId: modelB, predictions: 4, userAccepted: 2, userRejected: 1, acceptanceRate: 0.6667, testAccuracy: 0.85 });
    expect(preds.activeModel.perTrait).toEqual(
      expect.arrayContaining([{ trait: 'colour', testAccuracy: 0.8, realWorldAccuracy: 0.6667, scored: 3 }]),
    );
    const colourOnly = (await get(`/api/admin/reports/predictions?trait=colour&model=${modelB}`).expect(200)).body;
    expect(colourOnly.feedback.every((r: any) => r.trait === 'colour' && r.modelId === modelB)).toBe(true);
    expect((await get(`/api/admin/reports/predictions?model=${modelA}`).expect(200)).body.series).toEqual([]);
  });

  it('running the snapshot twice the same day changes nothing', async () => {
    const before = await factCounts();
    const reportBefore = (await get('/api/admin/reports/predictions').expect(200)).body;
    const imagesBefore = (await get('/api/admin/reports/training-images').expect(200)).body;
    await Promise.all([snapshot(), snapshot()]); // concurrent "refresh now" clicks too
    expect(await factCounts()).toEqual(before);
    expect((await get('/api/admin/reports/predictions').expect(200)).body).toEqual(reportBefore);
    expect((await get('/api/admin/reports/training-images').expect(200)).body).toEqual(imagesBefore);
    expect((await pg.query('SELECT COUNT(*) AS n FROM dim_label')).rows[0].n).toBe('4'); // unlabelled, not-a-cat, blue self, red bicolour
  });

  it('deletes only reporting rows: a range, then everything', async () => {
    const imagesBefore = await mongo.db().collection('training_images').countDocuments();
    const modelsBefore = await mongo.db().collection('prediction_models').countDocuments();
    const predictionsBefore = await mongo.db().collection('predictions').countDocuments();

    const outside = await t.http().delete('/api/admin/reports?from=2000-01-01&to=2000-12-31').set('Authorization', `Bearer ${token}`).expect(200);
    expect(outside.body).toEqual({ deleted: 0 });

    const counts = await factCounts();
    const expected = Object.values(counts).reduce((a, b) => a + b, 0);
    const all = await t.http().delete('/api/admin/reports').set('Authorization', `Bearer ${token}`).expect(200);
    expect(all.body).toEqual({ deleted: expected });
    expect(Object.values(await factCounts()).every((n) => n === 0)).toBe(true);
    expect((await get('/api/admin/reports/training-images').expect(200)).body.latestDate).toBeNull();

    expect(await mongo.db().collection('training_images').countDocuments()).toBe(imagesBefore);
    expect(await mongo.db().collection('prediction_models').countDocuments()).toBe(modelsBefore);
    expect(await mongo.db().collection('predictions').countDocuments()).toBe(predictionsBefore);

    // A new snapshot brings the same numbers back from the source data.
    await snapshot();
    expect((await get('/api/admin/reports/training-images').expect(200)).body.totals).toEqual({ total: 9, labelled: 6, unlabelled: 3, unknown: 0 });
  });
});
