import { existsSync } from 'node:fs';
import { loadConfig } from '../../src/config/config';
import { TrainingImagesService } from '../../src/modules/images/training-images.service';
import { startTestApp, startWorkerProcess, TestApp } from '../support/test-app';
import { BASE, importLabelled, tintedJpeg } from './fixtures';

/**
 * Training runs on the real stack: the API enqueues, the real worker process (backend/dist/worker.js —
 * run `npm run build -w backend` first) trains from the real feature extractor, registers the model, an
 * admin activates it and the next public prediction is made by it. Then the worker is SIGKILLed mid-run.
 */
describe('training runs and the model registry (real FerretDB + Redis + Postgres + worker process)', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let worker: ReturnType<typeof startWorkerProcess> | null = null;
  let images: TrainingImagesService;
  let trainedModelId = '';
  let starterId = '';
  let base = 0;

  const getRun = async (id: string) => (await t.http().get(`/api/admin/training-runs/${id}`).set(auth).expect(200)).body;

  async function waitForRun(id: string, until: (run: Record<string, any>) => boolean, timeoutMs = 240_000, pollMs = 250): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await getRun(id);
      if (until(run)) return run;
      if (Date.now() > deadline) {
        throw new Error(`run ${id} did not reach the expected state: ${JSON.stringify({ ...run, epochs: run.epochs?.length })}\n${worker?.output().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
  const finished = (r: Record<string, any>) => ['completed', 'failed', 'cancelled'].includes(r.state);

  beforeAll(async () => {
    t = await startTestApp('training', { withEngine: true });
    auth = { Authorization: `Bearer ${await t.adminToken()}` };
    images = t.app.get(TrainingImagesService);
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  }, 60_000);

  jest.setTimeout(300_000);

  it('lists the starter model as the first, active model of an empty registry', async () => {
    const res = await t.http().get('/api/admin/models').set(auth).expect(200);
    // The committed starter artefact (backend/models/starter.model) is registered at API start when present.
    base = existsSync(loadConfig().ml.starterModelPath) ? 1 : 0;
    expect(res.body).toHaveLength(base);
    if (base) {
      expect(res.body[0]).toMatchObject({ isActive: true, isStarter: true });
      expect(typeof res.body[0].createdAt).toBe('string');
      expect(typeof res.body[0].metrics).toBe('object');
      starterId = res.body[0].id;
    }
    await t.http().get('/api/admin/models').expect(401);
  });

  it('refuses to start when the labelled set is too thin, saying which trait value lacks examples', async () => {
    await importLabelled(images, ['blue', 'red'], 6, 1);
    await importLabelled(images, ['black'], 2, 1);
    const res = await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour', 'pattern'] }).expect(400);
    expect(res.body.message).toMatch(/Pattern needs at least 2 different values/);
    expect(res.body.message).not.toMatch(/\bpattern:/);
    expect(res.body.counts).toHaveProperty('pattern');
    expect(res.body.thinTraits).toEqual(['pattern']); // the page offers to start without them
    expect((await t.http().get('/api/admin/training-runs').set(auth).expect(200)).body.total).toBe(0);
  });

  it('rejects bad options and unknown ids with readable messages', async () => {
    const bad = await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour', 'size'], validationShare: 2, maxEpochs: 0.5 }).expect(400);
    expect(bad.body.message).toContain('must be one of: is_cat (Is a cat), colour (Colour)');
    expect(bad.body.message).toContain('validationShare (Validation share) must be a number from 0.05 to 0.4');
    expect(bad.body.message).toContain('maxEpochs (Epochs cap) must be a whole number from 1 to 1000');
    await t.http().post('/api/admin/training-runs').set(auth).send({ seed: 'abc', extra: 1 }).expect(400);
    const shares = await t.http().post('/api/admin/training-runs').set(auth).send({ validationShare: 0.4, testShare: 0.4 }).expect(400);
    expect(shares.body.message).toMatch(/Validation share.*Test share.*at most 0\.6 together/);
    const missing = await t.http().get('/api/admin/training-runs/64b7f0000000000000000000').set(auth).expect(404);
    expect(missing.body.message).toMatch(/No training run/);
    await t.http().get('/api/admin/training-runs/not-an-id').set(auth).expect(404);
    await t.http().get('/api/admin/training-runs/not-an-id/logs').set(auth).expect(404);
    await t.http().post('/api/admin/training-runs/64b7f0000000000000000000/cancel').set(auth).expect(404);
    const noModel = await t.http().post('/api/admin/models/64b7f0000000000000000000/activate').set(auth).expect(404);
    expect(noModel.body.message).toMatch(/No model/);
    await t.http().get('/api/admin/models/nope').set(auth).expect(404);
  });

  it('trains through the worker, registers the model with metrics, activates it and predicts with it', async () => {
    // enough examples per colour that the heads answer on the held-out test images instead of abstaining
    await importLabelled(images, ['black', 'blue', 'red'], 6, 500);
    // a rare colour (2 photos): the run tops it up with recoloured copies of red ones (ml/augment.ts)
    await importLabelled(images, ['cream'], 2, 700);
    // …and one that nothing can top up: white (2 photos) is announced as not predictable
    await importLabelled(images, ['white'], 2, 800);
    worker = startWorkerProcess(t.env);
    const start = await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour'], maxEpochs: 60, seed: 3, name: 'int-test model' }).expect(201);
    expect(Object.keys(start.body).sort()).toEqual(['id', 'jobId']);
    const runId: string = start.body.id;

    const second = await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour'] }).expect(409);
    expect(second.body.message).toMatch(/Only one run at a time/);

    const run = await waitForRun(runId, finished);
    expect({ state: run.state, error: run.error }).toEqual({ state: 'completed', error: undefined });
    expect(run).toMatchObject({ id: runId, stage: 'done', progress: 100 });
    expect(run.epochs.length).toBeGreaterThan(0);
    for (const key of ['epoch', 'loss', 'accuracy', 'valLoss', 'valAccuracy']) expect(run.epochs[0]).toHaveProperty(key);
    expect(run.datasetSummary).toMatchObject({ total: 36, perTrait: { colour: { blue: 12, red: 12, black: 8, cream: 2, white: 2 } } });
    expect(run.datasetSummary.syntheticCopies).toBeGreaterThanOrEqual(18);
    expect(run.datasetSummary.test).toBeGreaterThan(0);
    trainedModelId = run.modelId;
    expect(trainedModelId).toEqual(expect.any(String));

    const logs = (await t.http().get(`/api/admin/training-runs/${runId}/logs`).set(auth).expect(200)).body as Array<Record<string, any>>;
    const text = logs.map((l) => l.message).join('\n');
    expect(text).toMatch(/Froze the labelled set: 36 images/);
    expect(text).toMatch(/Rare values get synthetic copies: .*colour cream \(recoloured from red\)/);
    expect(text).not.toMatch(/"cream" \(\d\) has fewer than/); // topped up, so it is not lost
    expect(text).toMatch(/colour: "white" \(\d\) has fewer than 3 training examples and will not be predicted/);
    expect(text).toMatch(/Fitting heads for Colour on \d+ images \(\+\d+ synthetic copies of rare values\)/);
    expect(text).toMatch(/already cached/);
    expect(text).toMatch(/Test Colour: accuracy/); // trait names in the page's words
    expect(text).toMatch(/Registered model/);
    for (const l of logs) expect(Object.keys(l).sort()).toEqual(['level', 'message', 'seq', 'timestamp']);
    const newer = (await t.http().get(`/api/admin/training-runs/${runId}/logs?after=${logs[2].seq}`).set(auth).expect(200)).body;
    expect(newer).toHaveLength(logs.length - 3);

    const models = (await t.http().get('/api/admin/models').set(auth).expect(200)).body as Array<Record<string, any>>;
    expect(models).toHaveLength(base + 1);
    const trained = models.find((m) => m.id === trainedModelId)!;
    expect(trained).toMatchObject({ isActive: false, isStarter: false, name: 'int-test model', trainingRunId: runId, startedByName: 'test-admin' });
    expect(trained.metrics.colour.accuracy).toEqual(expect.any(Number));
    expect(trained.metrics.colour.balancedAccuracy).toEqual(expect.any(Number));
    expect(trained.metrics.colour.confusion).toBeUndefined();
    const detail = (await t.http().get(`/api/admin/models/${trainedModelId}`).set(auth).expect(200)).body;
    expect(detail.metrics.colour.confusion.labels).toEqual(expect.arrayContaining(['black', 'blue', 'red']));
    expect(detail.datasetSummary.perTrait.colour).toEqual({ blue: 12, red: 12, black: 8, cream: 2, white: 2 });
    // cream (2 photos) was topped up with recoloured copies and learnt; white (2) was not; pattern was not trained
    expect(detail.answers).toEqual(['colour']);
    expect(detail.unlearnt).toEqual({ colour: ['chocolate', 'lilac', 'cinnamon', 'fawn', 'white', 'other'], pattern: ['self', 'bicolour', 'van'] });

    const list = (await t.http().get('/api/admin/training-runs').set(auth).expect(200)).body;
    expect(list.items[0]).toMatchObject({ id: runId, state: 'completed', modelId: trainedModelId });

    const activated = await t.http().post(`/api/admin/models/${trainedModelId}/activate`).set(auth).expect(200);
    expect(activated.body).toMatchObject({ id: trainedModelId, isActive: true, activatedBy: 'test-admin' });
    const after = (await t.http().get('/api/admin/models').set(auth).expect(200)).body as Array<Record<string, any>>;
    expect(after.filter((m) => m.isActive).map((m) => m.id)).toEqual([trainedModelId]);

    // The API's engine re-reads the pointer every 2 s: the next predictions use the new model.
    const deadline = Date.now() + 20_000;
    let modelId = '';
    while (Date.now() < deadline) {
      const p = await t.http().post('/api/predictions').attach('image', await tintedJpeg(BASE.red, 99_001), 'cat.jpg').expect(201);
      modelId = p.body.modelId;
      if (modelId === trainedModelId) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(modelId).toBe(trainedModelId);

    // Roll back = activate the older model.
    if (starterId) {
      await t.http().post(`/api/admin/models/${starterId}/activate`).set(auth).expect(200);
      expect((await t.http().get(`/api/admin/models/${trainedModelId}`).set(auth).expect(200)).body.isActive).toBe(false);
    }
  });

  it('cancels a running run: it ends cancelled and registers nothing', async () => {
    // 30 photos (28 new: the first two repeat earlier ones) without features: the run spends a few seconds computing
    // them, so the cancel below reliably finds it running (with 6 new, a fast machine finished between two polls)
    await importLabelled(images, ['cream'], 30, 700);
    const { id } = (await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour'], maxEpochs: 400 }).expect(201)).body;
    await waitForRun(id, (r) => r.state === 'running' || finished(r), undefined, 100);
    const res = await t.http().post(`/api/admin/training-runs/${id}/cancel`).set(auth).expect(200);
    expect(res.body.cancelRequested).toBe(true);
    const run = await waitForRun(id, finished, 60_000);
    expect(run.state).toBe('cancelled');
    expect(run.modelId).toBeUndefined();
    expect(run.error).toMatch(/Cancelled by test-admin/);
    await t.http().post(`/api/admin/training-runs/${id}/cancel`).set(auth).expect(409);
    expect((await t.http().get('/api/admin/models').set(auth).expect(200)).body).toHaveLength(base + 1);
  });

  it('marks a run failed when its worker is killed mid-run, and the next run succeeds', async () => {
    // New images so the run spends time computing features when the worker is killed.
    await importLabelled(images, ['white'], 12, 900);
    const { id } = (await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour'] }).expect(201)).body;
    await waitForRun(id, (r) => (r.state === 'running' && r.stage !== 'snapshot') || finished(r));
    expect((await getRun(id)).state).toBe('running');
    worker!.child.kill('SIGKILL');
    await new Promise((r) => worker!.child.once('exit', r));

    // Still "running" on record until a worker notices; a new start is refused meanwhile.
    await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour'] }).expect(409);

    worker = startWorkerProcess(t.env);
    const crashed = await waitForRun(id, finished, 60_000);
    expect(crashed.state).toBe('failed');
    expect(crashed.error).toMatch(/stopped unexpectedly/);
    expect(crashed.modelId).toBeUndefined();
    // the log line is written right after the state: poll briefly rather than race it
    let logged = false;
    for (let i = 0; i < 50 && !logged; i++) {
      const logs = (await t.http().get(`/api/admin/training-runs/${id}/logs`).set(auth).expect(200)).body as Array<Record<string, any>>;
      logged = logs.some((l) => l.level === 'error' && /stopped unexpectedly/.test(l.message));
      if (!logged) await new Promise((r) => setTimeout(r, 200));
    }
    expect(logged).toBe(true);
    expect((await t.http().get('/api/admin/models').set(auth).expect(200)).body).toHaveLength(base + 1);

    const next = (await t.http().post('/api/admin/training-runs').set(auth).send({ traits: ['colour'], maxEpochs: 60 }).expect(201)).body;
    const done = await waitForRun(next.id, finished);
    expect(done.state).toBe('completed');
    const models = (await t.http().get('/api/admin/models').set(auth).expect(200)).body as Array<Record<string, any>>;
    expect(models).toHaveLength(base + 2);
    expect(models.filter((m) => m.trainingRunId === id)).toHaveLength(0);
    // the crashed run's stalled job is not retried into a duplicate model
    await new Promise((r) => setTimeout(r, 3000));
    expect((await t.http().get('/api/admin/models').set(auth).expect(200)).body).toHaveLength(base + 2);
  });
});
