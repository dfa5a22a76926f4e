/**
 * Listing, bulk labelling, deletion and balance of training images against the real FerretDB:
 * one request labels 10,000 records matched by a filter; deletion leaves no GridFS orphans;
 * every bad input gets a clear 400/404.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BlobStore } from '../../src/infra/mongo/blob-store';
import { EMPTY_LABEL } from '../../src/ml/vocabulary';
import { NewTrainingImage, TrainingImagesRepository } from '../../src/modules/images/training-images.repository';
import { TrainingImagesService } from '../../src/modules/images/training-images.service';
import { noisyJpeg } from '../support/images';
import { TestApp, startTestApp } from '../support/test-app';

jest.setTimeout(900_000); // FerretDB v1 on a shared 2-core machine is slow with 10,000 records

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('training images: list, bulk label, delete, balance', () => {
  let t: TestApp;
  let token: string;
  let repo: TrainingImagesRepository;
  let images: TrainingImagesService;
  let blobs: BlobStore;
  const spool = mkdtempSync(path.join(tmpdir(), 'images-spool-'));

  beforeAll(async () => {
    t = await startTestApp('images_label', { env: { UPLOAD_SPOOL_DIR: spool } });
    token = await t.adminToken();
    repo = t.app.get(TrainingImagesRepository);
    images = t.app.get(TrainingImagesService);
    blobs = t.app.get(BlobStore);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(spool, { recursive: true, force: true });
  });

  const auth = () => ({ Authorization: `Bearer ${token}` });
  const get = (url: string) => t.http().get(url).set(auth());
  const label = (body: unknown) => t.http().post('/api/admin/training-images/labels').set(auth()).send(body as object);
  const del = (body: unknown) => t.http().delete('/api/admin/training-images').set(auth()).send(body as object);

  it('labels 10,000 records matched by a filter in one request', async () => {
    const now = Date.now();
    const docs: NewTrainingImage[] = Array.from({ length: 10_000 }, (_, i) => ({
      sha256: sha(`bulk-${i}`),
      blobId: '000000000000000000000000',
      thumbBlobId: null,
      ownsBlobs: false,
      width: 10,
      height: 10,
      format: 'jpeg',
      source: 'web-search',
      label: { ...EMPTY_LABEL },
      isLabelled: false,
      labelledBy: null,
      labelledAt: null,
      originalName: `bulk-${i}.jpg`,
      web: null,
      predictionId: null,
      createdBy: 'seed',
      createdAt: new Date(now - i * 1000),
      updatedAt: new Date(now),
    }));
    for (let i = 0; i < docs.length; i += 2000) await repo.insertMany(docs.slice(i, i + 2000));

    const started = Date.now();
    const res = await label({ filter: { source: 'web-search', labelled: false }, label: { colour: 'lilac', pattern: 'self' } });
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ matched: 10_000, modified: 10_000 });
    // eslint-disable-next-line no-console
    console.log(`bulk label of 10,000 records: ${ms} ms`);

    const listed = await get('/api/admin/training-images?colour=lilac&pattern=self&is_cat=true&labelled=true&pageSize=5').expect(200);
    expect(listed.body.total).toBe(10_000);
    expect(listed.body.items).toHaveLength(5);
    expect(listed.body.items[0].label).toEqual({ is_cat: true, colour: 'lilac', pattern: 'self', is_tabby: null, is_pointed: null });
    expect(listed.body.items[0].labelledAt).toEqual(expect.any(String));
    expect((await get('/api/admin/training-images?labelled=false').expect(200)).body.total).toBe(0);

    // a subset merges into the existing label; is_cat=false clears the coat
    const first = listed.body.items[0].id;
    const second = listed.body.items[1].id;
    expect((await label({ ids: [first], label: { is_tabby: true } }).expect(200)).body).toEqual({ matched: 1, modified: 1 });
    expect((await label({ ids: [second], label: { is_cat: false } }).expect(200)).body).toEqual({ matched: 1, modified: 1 });
    const after = await get(`/api/admin/training-images?is_tabby=true`).expect(200);
    expect(after.body.items.map((i: any) => i.label)).toEqual([{ is_cat: true, colour: 'lilac', pattern: 'self', is_tabby: true, is_pointed: null }]);
    const notCat = await get(`/api/admin/training-images?is_cat=false`).expect(200);
    expect(notCat.body.items.map((i: any) => [i.id, i.label])).toEqual([[second, { ...EMPTY_LABEL, is_cat: false }]]);

    // clearing the last traits makes a record unlabelled again
    await label({ ids: [second], label: { is_cat: null } }).expect(200);
    const unl = await get('/api/admin/training-images?labelled=false').expect(200);
    expect(unl.body.items.map((i: any) => i.id)).toEqual([second]);

    // balance: labelled only, one row per value and per colour × pattern
    const balance = (await get('/api/admin/training-images/balance').expect(200)).body;
    expect(balance.labelled).toBe(9_999);
    expect(balance.unlabelled).toBe(1);
    expect(balance.traits.colour.find((c: any) => c.value === 'lilac')).toEqual({ value: 'lilac', count: 9_999, underRepresented: false });
    expect(balance.traits.is_tabby).toEqual([
      { value: true, count: 1, underRepresented: true },
      { value: false, count: 0, underRepresented: true },
    ]);
    expect(balance.colourPattern).toHaveLength(30);
    expect(balance.colourPattern.find((c: any) => c.colour === 'lilac' && c.pattern === 'self').count).toBe(9_999);

    // pagination and sorting are server-side and stable
    const p1 = (await get('/api/admin/training-images?source=web-search&sort=createdAt&direction=asc&page=1&pageSize=3').expect(200)).body;
    const p2 = (await get('/api/admin/training-images?source=web-search&sort=createdAt&direction=asc&page=2&pageSize=3').expect(200)).body;
    expect(p1.items.map((i: any) => i.originalName)).toEqual(['bulk-9999.jpg', 'bulk-9998.jpg', 'bulk-9997.jpg']);
    expect(p2.items.map((i: any) => i.originalName)).toEqual(['bulk-9996.jpg', 'bulk-9995.jpg', 'bulk-9994.jpg']);
    const ranged = (await get(`/api/admin/training-images?from=${new Date(now - 4500).toISOString()}&to=${new Date(now).toISOString()}`).expect(200)).body;
    expect(ranged.total).toBe(5);

    // tidy up for the next test
    expect((await del({ filter: { source: 'web-search' } }).expect(200)).body).toEqual({ deleted: 10_000 });
  });

  it('deletes records with their own GridFS files and never a prediction’s blob: no orphans', async () => {
    const baseline = await blobs.count('images');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await images.importImage(await noisyJpeg(40, 30, 0.1 + i / 100), { source: 'upload', userId: 'u1', originalName: `d${i}.jpg`, label: { colour: 'blue' } });
      expect(r.outcome).toBe('imported');
      ids.push(r.id);
    }
    expect((await images.importImage(await noisyJpeg(40, 30, 0.1), { source: 'upload', userId: 'u1' })).outcome).toBe('duplicate');
    expect(await blobs.count('images')).toBe(baseline + 12);

    // a reviewed prediction's photo is referenced, not copied
    const predBytes = await noisyJpeg(60, 40, 0.77);
    const predBlob = await blobs.put('images', predBytes, 'prediction.jpg', 'image/jpeg');
    const fromPred = { predictionId: 'pred-1', blobId: predBlob, sha256: sha('pred-1-bytes'), width: 60, height: 40, label: { is_cat: true, colour: 'red' as const }, userId: 'u1' };
    const added = await images.addFromPrediction(fromPred);
    expect(added.created).toBe(true);
    expect(await images.addFromPrediction(fromPred)).toEqual({ id: added.id, created: false, labelApplied: false });
    // a reviewed photo that is already in the set (same bytes as a labelled upload): linked to it, its label kept
    const sameAsUpload = createHash('sha256').update(await noisyJpeg(40, 30, 0.1)).digest('hex');
    const linked = await images.addFromPrediction({ ...fromPred, predictionId: 'pred-2', sha256: sameAsUpload });
    expect(linked).toEqual({ id: ids[0], created: false, labelApplied: false });
    const thumb = await get(`/api/admin/training-images/${added.id}/thumbnail`).expect(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(await blobs.count('images')).toBe(baseline + 13);

    // cross-module reads
    const snapshot = await images.labelledSnapshot();
    expect(snapshot.map((s) => s.id).sort()).toEqual([...ids, added.id].sort());
    expect((await images.loadOriginal(ids[0])).length).toBeGreaterThan(100);
    const counts = await images.countByLabelAndSource();
    expect(counts).toEqual(
      expect.arrayContaining([
        // a coat colour makes an unknown is_cat true: only cats have a coat
        { label: { is_cat: true, colour: 'blue', pattern: null, is_tabby: null, is_pointed: null }, source: 'upload', count: 6 },
        { label: { is_cat: true, colour: 'red', pattern: null, is_tabby: null, is_pointed: null }, source: 'prediction-review', count: 1 },
      ]),
    );

    expect((await del({ ids: ids.slice(0, 2) }).expect(200)).body).toEqual({ deleted: 2 });
    expect(await blobs.count('images')).toBe(baseline + 9);
    expect((await del({ filter: {} }).expect(200)).body).toEqual({ deleted: 5 });
    expect(await blobs.count('images')).toBe(baseline + 1); // only the prediction's own blob is left
    expect(await blobs.info('images', predBlob)).not.toBeNull();
    expect((await del({ ids: ids.slice(0, 2) }).expect(200)).body).toEqual({ deleted: 0 });
    await get(`/api/admin/training-images/${ids[0]}/thumbnail`).expect(404);
  });

  it.each([
    ['page=0', 'page must be 1 or more (the first page is 1)'],
    ['pageSize=500', 'pageSize must be between 1 and 200'],
    ['colour=purple', 'colour must be one of black, blue, chocolate, lilac, cinnamon, fawn, red, cream, white, other or unknown'],
    ['is_cat=maybe', 'is_cat must be true, false or unknown'],
    ['labelled=yes', 'labelled must be true or false'],
    ['source=ftp', 'source must be one of zip, upload, web-search, prediction-review'],
    ['sort=sha256', 'sort must be one of createdAt, labelledAt, source, originalName, width, height, is_cat, colour, pattern, is_tabby, is_pointed'],
    ['from=yesterday', 'from must be a date like 2025-01-31 or 2025-01-31T12:00:00Z'],
    ['color=blue', 'property color should not exist'],
  ])('GET list with %s → 400 %j', async (qs, message) => {
    const res = await get(`/api/admin/training-images?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
  });

  const id = '0123456789abcdef01234567';
  it.each([
    [{ ids: [id], label: { colour: 'purple' } }, 'colour must be one of black, blue, chocolate, lilac, cinnamon, fawn, red, cream, white, other or empty (unknown), got "purple"'],
    [{ ids: [id], label: { color: 'blue' } }, 'unknown trait "color"; traits are is_cat, colour, pattern, is_tabby, is_pointed'],
    [{ ids: [id], label: { is_cat: false, colour: 'blue' } }, 'coat traits cannot be set on an image labelled as not a cat (is_cat=false)'],
    [{ ids: [id], label: {} }, 'label must set at least one trait (is_cat, colour, pattern, is_tabby, is_pointed); use null to mark a trait unknown'],
    [{ ids: [id] }, 'label is required: label must be an object with any of is_cat, colour, pattern, is_tabby, is_pointed'],
    [{ label: { colour: 'blue' } }, 'Send either "ids" (a list of image ids) or "filter" (the list filter fields; {} selects every image), not both.'],
    [{ ids: [id], filter: {}, label: { colour: 'blue' } }, 'Send either "ids" (a list of image ids) or "filter" (the list filter fields; {} selects every image), not both.'],
    [{ ids: [], label: { colour: 'blue' } }, 'ids is empty: select at least one image'],
    [{ ids: ['nope'], label: { colour: 'blue' } }, 'each id in ids must be a training image id (24 hexadecimal characters)'],
    [{ filter: { colour: 'purple' }, label: { colour: 'blue' } }, 'filter.colour must be one of black, blue, chocolate, lilac, cinnamon, fawn, red, cream, white, other or unknown'],
    [{ filter: { shade: 'dark' }, label: { colour: 'blue' } }, 'filter.property shade should not exist'],
    [{ filter: 'all', label: { colour: 'blue' } }, 'filter must be an object with the list filter fields ({} selects every image)'],
  ])('POST labels %j → 400 %j', async (body, message) => {
    const res = await label(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
  });

  it('answers bad delete requests and unknown files clearly', async () => {
    let res = await del({});
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Send either "ids" (a list of image ids) or "filter" (the list filter fields; {} selects every image), not both.');
    res = await del({ ids: ['x'] });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('each id in ids must be a training image id (24 hexadecimal characters)');
    res = await get(`/api/admin/training-images/${id}/image`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`No training image with id "${id}"; it may have been deleted.`);
    res = await get('/api/admin/training-images/not-an-id/thumbnail');
    expect(res.status).toBe(404);
    await t.http().get('/api/admin/training-images').expect(401);
    await t.http().post('/api/admin/training-images/labels').send({ ids: [id], label: { colour: 'blue' } }).expect(401);
  });
});
