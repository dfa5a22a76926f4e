import { BlobStore } from '../../src/infra/mongo/blob-store';
import { FEATURE_DIM, FEATURE_VERSION, serializeArtefact, trainHeads } from '../../src/ml';
import { syntheticSamples } from '../../src/ml/test-fixtures';
import { ModelsService } from '../../src/modules/models/models.service';
import { PredictionsService } from '../../src/modules/predictions/predictions.service';
import { noisyJpeg } from '../support/images';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The review loop against the real servers and the real engine: breeder feedback → admin queue (rejected
 * first) → correction → training image with the corrected label, exactly once, sharing the prediction's blob.
 */
jest.setTimeout(120_000);

describe('prediction review loop (real FerretDB + Redis + Postgres + engine)', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  const ids: { rejected: string; accepted: string; silent: string } = { rejected: '', accepted: '', silent: '' };
  /** each prediction's answer token, as its uploader holds it */
  const tokens: Record<string, string> = {};

  async function upload(seed: number): Promise<Record<string, any>> {
    const res = await t.http().post('/api/predictions').attach('image', await noisyJpeg(320, 240, seed), 'cat.jpg');
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens[res.body.id] = res.body.answerToken;
    return res.body;
  }
  const answer = (id: string, body: Record<string, unknown>) => t.http().post(`/api/predictions/${id}/feedback`).send({ ...body, answerToken: tokens[id] });

  async function trainingFromReview() {
    const res = await t.http().get('/api/admin/training-images?source=prediction-review&pageSize=100').set(auth).expect(200);
    return res.body as { items: Array<Record<string, any>>; total: number };
  }

  beforeAll(async () => {
    t = await startTestApp('review', { withEngine: true });
    await ensureActiveModel(t);
    auth = { Authorization: `Bearer ${await t.adminToken()}` };
    // oldest first: the silent one is newest, so "rejected first" cannot be an accident of date order
    ids.rejected = (await upload(0.11)).id;
    ids.accepted = (await upload(0.22)).id;
    ids.silent = (await upload(0.33)).id;
  }, 300_000);
  afterAll(() => t?.close());

  it('keeps the public result shape exactly (issue 4 contract, plus the optional "reason" of an unsure trait and "unlearnt")', async () => {
    const res = await t.http().get(`/api/predictions/${ids.silent}`).expect(200);
    // added after issue 4, both optional: a new prediction records what its model had not learnt
    expect(Object.keys(res.body).sort()).toEqual(['breederCode', 'breederName', 'createdAt', 'feedback', 'id', 'imageUrl', 'modelId', 'traits', 'unlearnt'].sort());
    expect(Object.keys(res.body.unlearnt).sort()).toEqual(['colour', 'pattern']);
    expect(res.body.unlearnt.colour).toEqual(expect.arrayContaining(['lilac']));
    expect(Object.keys(res.body.traits).sort()).toEqual(['colour', 'is_cat', 'is_pointed', 'is_tabby', 'pattern']);
    for (const tr of Object.values(res.body.traits) as Array<Record<string, unknown>>) {
      // {value, confidence, unsure}; an unsure trait also says why (added after issue 4, an optional field)
      expect(Object.keys(tr).sort()).toEqual(tr.unsure ? ['confidence', 'reason', 'unsure', 'value'] : ['confidence', 'unsure', 'value']);
      if (tr.unsure) expect(['uncertain', 'unfamiliar', 'untrained']).toContain(tr.reason);
    }
    expect(res.body.imageUrl).toBe(`/api/predictions/${ids.silent}/image`);
    await t.http().get(res.body.imageUrl).expect(200).expect('Content-Type', /image\/jpeg/);
  });

  it('takes breeder feedback once; a second answer is a 409', async () => {
    const fb = await answer(ids.rejected, { accepted: false, correction: { colour: 'lilac' } }).expect(201);
    expect(fb.body.feedback).toMatchObject({ accepted: false, correction: { colour: 'lilac' } });
    await answer(ids.accepted, { accepted: true }).expect(201);
    const again = await answer(ids.rejected, { accepted: true }).expect(409);
    expect(again.body.message).toMatch(/already/);
    const still = await t.http().get(`/api/predictions/${ids.rejected}`).expect(200);
    expect(still.body.feedback.accepted).toBe(false);
  });

  it('queues predictions rejected by the breeder first, then no feedback, then accepted', async () => {
    const res = await t.http().get('/api/admin/predictions').set(auth).expect(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((p: any) => p.id)).toEqual([ids.rejected, ids.silent, ids.accepted]);
    const first = res.body.items[0];
    expect(first).toMatchObject({ userReview: 'rejected', adminReview: 'none', adminHasReviewed: false, review: null, trainingImageId: null });
    expect(first.feedback.correction).toEqual({ colour: 'lilac' });
  });

  it('filters by user feedback, admin review, model, trait value and date', async () => {
    const get = (qs: string) => t.http().get(`/api/admin/predictions?${qs}`).set(auth);
    expect((await get('feedback=rejected').expect(200)).body.items.map((p: any) => p.id)).toEqual([ids.rejected]);
    expect((await get('feedback=accepted').expect(200)).body.items.map((p: any) => p.id)).toEqual([ids.accepted]);
    expect((await get('feedback=none').expect(200)).body.items.map((p: any) => p.id)).toEqual([ids.silent]);
    expect((await get('review=none').expect(200)).body.total).toBe(3);
    expect((await get('review=reviewed').expect(200)).body.total).toBe(0);

    const one = (await get('pageSize=1').expect(200)).body;
    expect(one).toMatchObject({ total: 3, page: 1, pageSize: 1 });
    expect(one.items).toHaveLength(1);
    const modelId = one.items[0].modelId;
    expect((await get(`modelId=${encodeURIComponent(modelId)}`).expect(200)).body.total).toBe(3);
    expect((await get('modelId=no-such-model').expect(200)).body.total).toBe(0);

    // a trait value: whatever the model said confidently about the first prediction
    const all = (await get('').expect(200)).body.items as any[];
    const sure = all.flatMap((p) => Object.entries(p.traits as Record<string, any>).filter(([, v]) => !v.unsure).map(([k, v]) => ({ k, v: v.value })))[0];
    if (sure) {
      const hits = (await get(`${sure.k}=${sure.v}`).expect(200)).body.items as any[];
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(h.traits[sure.k]).toMatchObject({ value: sure.v, unsure: false });
    }
    await get('is_tabby=unknown').expect(200);
    const bad = await get('colour=purple').expect(400);
    expect(bad.body.message).toMatch(/colour/);

    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`from=${today}&to=${today}`).expect(200)).body.total).toBe(3);
    expect((await get('to=2000-01-01').expect(200)).body.total).toBe(0);
    expect((await get('from=yesterday').expect(400)).body.message).toMatch(/from must be a date/);
    expect((await get('feedback=maybe').expect(400)).body.message).toMatch(/feedback must be/);
  });

  it('refuses bad review input with a readable 400/404 and changes nothing', async () => {
    const blobsBefore = await t.app.get(BlobStore).count('images');
    const post = (id: string, body: unknown) => t.http().post(`/api/admin/predictions/${id}/review`).set(auth).send(body as object);

    expect((await post('AAAAAAAAAAAAAAAAAAAAAA', { decision: 'accept' }).expect(404)).body.message).toMatch(/No result/);
    await post('../../etc', { decision: 'accept' }).expect(404);
    expect((await post(ids.silent, { decision: 'maybe' }).expect(400)).body.message).toMatch(/decision must be "accept" or "reject"/);
    expect((await post(ids.silent, {}).expect(400)).body.message).toMatch(/decision/);
    const purple = await post(ids.silent, { decision: 'reject', label: { colour: 'purple' }, addToTraining: true }).expect(400);
    expect(purple.body.message).toMatch(/colour/);
    expect(purple.body.message).toMatch(/purple/);
    expect((await post(ids.silent, { decision: 'reject', label: { color: 'red' } }).expect(400)).body.message).toMatch(/color/);
    expect((await post(ids.silent, { decision: 'reject', addToTraining: true }).expect(400)).body.message).toMatch(/corrected label/);
    expect((await post(ids.silent, { decision: 'reject', label: {}, addToTraining: true }).expect(400)).body.message).toMatch(/corrected label/);
    expect((await post(ids.silent, { decision: 'accept', addToTraining: 'yes' }).expect(400)).body.message).toMatch(/addToTraining/);
    await t.http().post(`/api/admin/predictions/${ids.silent}/review`).send({ decision: 'accept' }).expect(401);

    const after = await t.http().get(`/api/admin/predictions/${ids.silent}`).set(auth).expect(200);
    expect(after.body).toMatchObject({ adminReview: 'none', review: null, trainingImageId: null });
    expect((await trainingFromReview()).total).toBe(0);
    expect(await t.app.get(BlobStore).count('images')).toBe(blobsBefore);
  });

  it('a correction goes into the training set once, even when the button is pressed twice at the same time', async () => {
    const blobs = t.app.get(BlobStore);
    const blobsBefore = await blobs.count('images');
    const body = { decision: 'reject', label: { colour: 'red' }, addToTraining: true };
    const [a, b] = await Promise.all([
      t.http().post(`/api/admin/predictions/${ids.rejected}/review`).set(auth).send(body),
      t.http().post(`/api/admin/predictions/${ids.rejected}/review`).set(auth).send(body),
    ]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.trainingImageId).toBeTruthy();
    expect(b.body.trainingImageId).toBe(a.body.trainingImageId);
    // what it did to the training set: one of the two added the photo, the other found it there
    expect([a.body.trainingSet, b.body.trainingSet].sort()).toEqual(['added', 'existing-kept']);
    expect(a.body).toMatchObject({ id: ids.rejected, adminReview: 'rejected', adminHasReviewed: true, adminFeedback: 'reject' });
    expect(a.body.review).toMatchObject({ decision: 'reject', reviewedBy: 'test-admin' });
    expect(a.body.review.label.colour).toBe('red');

    // pressed a third time, later: still one
    const c = await t.http().post(`/api/admin/predictions/${ids.rejected}/review`).set(auth).send(body).expect(201);
    expect(c.body.trainingImageId).toBe(a.body.trainingImageId);
    expect(c.body.trainingSet).toBe('existing-kept');

    const training = await trainingFromReview();
    expect(training.total).toBe(1);
    const img = training.items[0];
    expect(img).toMatchObject({ id: a.body.trainingImageId, source: 'prediction-review', predictionId: ids.rejected, isLabelled: true });
    expect(img.label.colour).toBe('red');
    // the rest of the label is what the model said (unsure → unknown)
    const pred = (await t.http().get(`/api/admin/predictions/${ids.rejected}`).set(auth).expect(200)).body;
    for (const trait of ['is_tabby', 'is_pointed', 'pattern'] as const) {
      const p = pred.traits[trait];
      expect(img.label[trait]).toBe(p.unsure ? null : p.value);
    }

    // the same GridFS blob, not a copy: no new blob, and the training image serves the prediction's original bytes
    expect(await blobs.count('images')).toBe(blobsBefore);
    const original = await t.http().get(`/api/predictions/${ids.rejected}/image?size=original`).buffer(true).parse(rawParser).expect(200);
    const fromTraining = await t.http().get(`/api/admin/training-images/${img.id}/image`).set(auth).buffer(true).parse(rawParser).expect(200);
    expect(Buffer.compare(fromTraining.body, original.body)).toBe(0);

    // the queue shows it as reviewed and in the training set
    const reviewed = await t.http().get('/api/admin/predictions?review=rejected').set(auth).expect(200);
    expect(reviewed.body.items.map((p: any) => p.id)).toEqual([ids.rejected]);
    expect(reviewed.body.items[0].trainingImageId).toBe(img.id);
  });

  it('refuses to change the label of a prediction already in the training set (409), keeps the training label', async () => {
    const res = await t.http()
      .post(`/api/admin/predictions/${ids.rejected}/review`)
      .set(auth)
      .send({ decision: 'reject', label: { colour: 'cream' }, addToTraining: true })
      .expect(409);
    expect(res.body.message).toMatch(/training images table/);
    const training = await trainingFromReview();
    expect(training.items[0].label.colour).toBe('red');
  });

  it('once its training image is deleted, the prediction is out of the training set and can be reviewed and added again', async () => {
    const [img] = (await trainingFromReview()).items;
    await t.http().delete('/api/admin/training-images').set(auth).send({ ids: [img.id] }).expect(200);
    const pred = (await t.http().get(`/api/admin/predictions/${ids.rejected}`).set(auth).expect(200)).body;
    expect(pred.trainingImageId).toBeNull();
    const again = await t.http()
      .post(`/api/admin/predictions/${ids.rejected}/review`)
      .set(auth)
      .send({ decision: 'reject', label: { colour: 'red' }, addToTraining: true })
      .expect(201);
    expect(again.body.trainingSet).toBe('added');
    expect(again.body.trainingImageId).not.toBe(img.id);
    const training = await trainingFromReview();
    expect(training.items.map((i) => i.id)).toEqual([again.body.trainingImageId]);
    expect(training.items[0].label.colour).toBe('red');
  });

  it('bulk review: checks input first, then reviews many and adds each once', async () => {
    const bulk = (body: unknown) => t.http().post('/api/admin/predictions/review').set(auth).send(body as object);
    expect((await bulk({ ids: [], decision: 'accept' }).expect(400)).body.message).toMatch(/at least one/);
    expect((await bulk({ ids: [ids.accepted, ids.silent], decision: 'reject', addToTraining: true }).expect(400)).body.message).toMatch(/corrected label/);
    expect((await bulk({ ids: [ids.accepted], decision: 'reject', label: { pattern: 'stripes' } }).expect(400)).body.message).toMatch(/pattern/);
    expect((await trainingFromReview()).total).toBe(1);

    const res = await bulk({ ids: [ids.accepted, ids.silent, ids.silent, 'AAAAAAAAAAAAAAAAAAAAAA'], decision: 'accept', addToTraining: true }).expect(201);
    expect(res.body.reviewed).toBe(2);
    expect(res.body.notFound).toEqual(['AAAAAAAAAAAAAAAAAAAAAA']);
    expect(res.body.results.every((r: any) => r.trainingImageId && r.adminReview === 'accepted')).toBe(true);

    const again = await bulk({ ids: [ids.accepted, ids.silent], decision: 'accept', addToTraining: true }).expect(201);
    expect(again.body.results.map((r: any) => r.trainingImageId).sort()).toEqual(res.body.results.map((r: any) => r.trainingImageId).sort());
    const training = await trainingFromReview();
    expect(training.total).toBe(3);

    // accepting means the predicted label (unsure answers unknown)
    const silent = (await t.http().get(`/api/admin/predictions/${ids.silent}`).set(auth).expect(200)).body;
    const img = training.items.find((i) => i.predictionId === ids.silent)!;
    for (const trait of ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'] as const) {
      const p = silent.traits[trait];
      const expected = p.unsure || (trait !== 'is_cat' && silent.traits.is_cat.value === false && !silent.traits.is_cat.unsure) ? null : p.value;
      expect(img.label[trait]).toBe(expected);
    }
  });

  it('counts user and admin review statuses for the reporting snapshot', async () => {
    const rows = await t.app.get(PredictionsService).countForSnapshot();
    const count = (u: string, a: string) => rows.filter((r) => r.userReview === u && r.adminReview === a).reduce((s, r) => s + r.count, 0);
    expect(count('rejected', 'rejected')).toBe(1);
    expect(count('accepted', 'accepted')).toBe(1);
    expect(count('none', 'accepted')).toBe(1);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(3);
  });
});

/**
 * The harness registers the committed starter model when it exists. Without it (a checkout before the model
 * is committed) this spec trains tiny heads on synthetic features, so the review loop is still tested end to end.
 */
async function ensureActiveModel(t: TestApp): Promise<void> {
  const models = t.app.get(ModelsService);
  if (await models.getActiveModelId()) return;
  const artefact = await trainHeads(syntheticSamples(60, FEATURE_DIM, 7), { maxEpochs: 5, seed: 1, featureVersion: FEATURE_VERSION });
  const bytes = serializeArtefact(artefact);
  const fileId = await t.app.get(BlobStore).put('models', bytes, 'review-test.model', 'application/octet-stream', {});
  const { id } = await models.registerTrainedModel({
    trainingRunId: 'review-test',
    name: 'Review test model',
    artefactFileId: fileId,
    featureVersion: FEATURE_VERSION,
    metrics: {},
    datasetSummary: {},
    trainingOptions: {},
    startedBy: null,
    startedByName: null,
    trainingStartedAt: new Date(),
    trainingEndedAt: new Date(),
    loss: null,
    accuracy: null,
  });
  await models.activate(id, null);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- superagent types the raw response loosely
function rawParser(res: any, cb: (err: Error | null, body: any) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
