/**
 * ZIP and multi-file imports against the real FerretDB / Redis, with the worker running in-process:
 * labels from labels.csv and folder names, every hostile entry skipped and reported, spool files removed,
 * feature caching handed off.
 */
import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import JSZip from 'jszip';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../../src/config/config';
import { APP_CONFIG } from '../../src/config/config.module';
import { BlobStore } from '../../src/infra/mongo/blob-store';
import { QueueName } from '../../src/infra/queue/queues';
import { ImportResult, ImportRunner } from '../../src/modules/images/import-runner';
import { TrainingImagesService } from '../../src/modules/images/training-images.service';
import { noisyJpeg } from '../support/images';
import { TestApp, startInProcessWorker, startTestApp, waitForJob } from '../support/test-app';

jest.setTimeout(180_000);

describe('training images: ZIP and multi-file import', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let token: string;
  const spool = mkdtempSync(path.join(tmpdir(), 'images-spool-'));
  let seed = 1;
  const jpeg = () => noisyJpeg(48, 36, (seed++ * 7919) / 1e6);

  beforeAll(async () => {
    t = await startTestApp('images_zip', { env: { UPLOAD_SPOOL_DIR: spool, UPLOAD_MAX_ZIP_ENTRIES: '400' } });
    worker = await startInProcessWorker();
    token = await t.adminToken();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    rmSync(spool, { recursive: true, force: true });
  });

  const auth = () => ({ Authorization: `Bearer ${token}` });
  const uploadZip = async (zip: Buffer, name = 'set.zip') => {
    const res = await t.http().post('/api/admin/training-images/zip').set(auth()).attach('file', zip, name);
    expect(res.status).toBe(202);
    expect(typeof res.body.jobId).toBe('string');
    return res.body.jobId as string;
  };
  const list = async (qs: string) => {
    const res = await t.http().get(`/api/admin/training-images?${qs}`).set(auth()).expect(200);
    return res.body as { items: any[]; total: number };
  };
  const zipOf = async (entries: [string, Buffer | string][]) => {
    const z = new JSZip();
    for (const [n, b] of entries) z.file(n, b, { createFolders: false });
    return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  };

  it('imports a ZIP of 200 images with folders and a labels.csv, with the right labels', async () => {
    const entries: [string, Buffer | string][] = [];
    for (let i = 0; i < 100; i++) entries.push([`set/blue/bicolour/b${i}.jpg`, await jpeg()]);
    for (let i = 0; i < 40; i++) entries.push([`set/not-cat/n${i}.jpg`, await jpeg()]);
    const csv = ['file,is_cat,colour,pattern,is_tabby,is_pointed,notes'];
    for (let i = 0; i < 60; i++) {
      entries.push([`set/photos/p${i}.jpg`, await jpeg()]);
      csv.push(`photos/p${i}.jpg,true,${i < 30 ? 'red' : 'cream'},self,${i < 30 ? 'true' : ''},false,x`);
    }
    csv.push('blue/bicolour/b0.jpg,true,lilac,van,,,csv wins over folders');
    entries.push(['set/labels.csv', csv.join('\n') + '\n']);
    entries.push(['__MACOSX/set/._b1.jpg', 'resource fork']);
    const jobId = await uploadZip(await zipOf(entries));

    const job = await waitForJob(t, jobId, 120_000);
    expect(job.state).toBe('completed');
    expect(job.result).toEqual({ imported: 200, unlabelled: 0, duplicates: 0, duplicateEntries: [], rejected: [] });
    expect(job.details).toMatchObject({ seen: 200, imported: 200, duplicates: 0, rejected: 0, percent: 100 });

    expect((await list('colour=blue&pattern=bicolour&is_cat=true&pageSize=1')).total).toBe(99);
    const lilac = await list('colour=lilac');
    expect(lilac.total).toBe(1);
    expect(lilac.items[0]).toMatchObject({ originalName: 'set/blue/bicolour/b0.jpg', source: 'zip', isLabelled: true });
    expect(lilac.items[0].label).toEqual({ is_cat: true, colour: 'lilac', pattern: 'van', is_tabby: null, is_pointed: null });
    expect((await list('is_cat=false')).total).toBe(40);
    const notCat = (await list('is_cat=false&pageSize=1')).items[0];
    expect(notCat.label).toEqual({ is_cat: false, colour: null, pattern: null, is_tabby: null, is_pointed: null });
    expect((await list('colour=red&is_tabby=true&pattern=self&is_pointed=false')).total).toBe(30);
    expect((await list('colour=cream&is_tabby=unknown')).total).toBe(30);
    expect((await list('labelled=false')).total).toBe(0);

    // every record has its original and thumbnail, served to admins only
    const item = lilac.items[0];
    expect(item).toMatchObject({ width: 48, height: 36, format: 'jpeg', thumbnailUrl: `/api/admin/training-images/${item.id}/thumbnail` });
    expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    const thumb = await t.http().get(item.thumbnailUrl).set(auth()).expect(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.body.length).toBeGreaterThan(100);
    const original = await t.http().get(item.imageUrl).set(auth()).expect(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    await t.http().get(item.thumbnailUrl).expect(401);

    // feature caching handed off in batches of the new ids
    const features = t.app.get<Queue>(getQueueToken(QueueName.Features));
    const batch = await features.getJob(`${jobId}-features-0`);
    expect(batch?.name).toBe('compute-features');
    expect(batch?.data.imageIds).toHaveLength(200);
    expect(readdirSync(spool)).toEqual([]); // the spooled archive is gone
  });

  it('skips and reports zip-slip, zip bombs, corrupt entries, non-images, nested archives and duplicates', async () => {
    const good = await jpeg();
    const existing = (await list('colour=lilac')).items[0];
    const existingBytes = (await t.http().get(existing.imageUrl).set(auth()).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })).body as Buffer;
    const fresh = await jpeg();
    const inner = await zipOf([['x.jpg', await jpeg()]]);
    const entries: [string, Buffer | string][] = [
      ['ok/good.jpg', good],
      ['ok/good-again.jpg', good], // duplicate inside the archive
      ['ok/already-there.jpg', existingBytes], // duplicate of a stored image
      ['../../evil.jpg', await jpeg()],
      ['/etc/abs.jpg', await jpeg()],
      ['bomb.jpg', Buffer.alloc(8 * 1024 * 1024, 0)], // ~8 MB of zeros deflates ~1000:1
      ['truncated.jpg', fresh.subarray(0, Math.floor(fresh.length / 2))],
      ['garbage.jpg', Buffer.from('this is not a jpeg at all, just text pretending')],
      ['notes.txt', 'hello'],
      ['inner.zip', inner],
      ['sneaky.jpg', inner], // an archive by content, whatever its name
      ['broken-deflate.jpg', await jpeg()],
      ['labelled/bad-row.jpg', await jpeg()],
      ['labels.csv', 'file,is_cat,colour,pattern,is_tabby,is_pointed\nlabelled/bad-row.jpg,true,purple,,,\nlabelled/typo.jpg,true,blue,,,\n'],
    ];
    let zip = await zipOf(entries);
    // corrupt the deflated data of one entry in place (its local header is followed by name then data)
    const at = zip.indexOf(Buffer.from('broken-deflate.jpg')) + 'broken-deflate.jpg'.length;
    zip = Buffer.from(zip);
    zip.fill(0xff, at, at + 64);

    const job = await waitForJob(t, await uploadZip(zip), 60_000);
    expect(job.state).toBe('completed');
    const result = job.result as ImportResult;
    expect(result.imported).toBe(1);
    expect(result.unlabelled).toBe(1); // ok/good.jpg (or its twin) has no csv row and no label folders
    expect(result.duplicates).toBe(2);
    // each duplicate is named with the photo it repeats: the stored one, and whichever of the pair came first
    const sameAs = Object.fromEntries((result.duplicateEntries ?? []).map((d) => [d.entry, d.sameAs]));
    expect(sameAs['ok/already-there.jpg']).toBe(existing.originalName);
    const inArchive = Object.keys(sameAs).filter((e) => e !== 'ok/already-there.jpg');
    expect(inArchive).toHaveLength(1);
    expect(sameAs[inArchive[0]]).toBe(inArchive[0] === 'ok/good.jpg' ? 'ok/good-again.jpg' : 'ok/good.jpg');
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.entry, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      ['../../evil.jpg', '/etc/abs.jpg', 'bomb.jpg', 'broken-deflate.jpg', 'garbage.jpg', 'inner.zip', 'labelled/bad-row.jpg', 'labelled/typo.jpg', 'notes.txt', 'sneaky.jpg', 'truncated.jpg'].sort(),
    );
    expect(reasons['labelled/typo.jpg']).toBe('named in labels.csv (line 3) but not in the archive - check the file column');
    expect(reasons['../../evil.jpg']).toMatch(/unsafe path/);
    expect(reasons['/etc/abs.jpg']).toMatch(/unsafe path/);
    expect(reasons['bomb.jpg']).toMatch(/compression ratio .* exceeds the limit of 100:1 \(possible zip bomb\)/);
    expect(reasons['truncated.jpg']).toMatch(/not imported: The image could not be decoded/);
    expect(reasons['garbage.jpg']).toMatch(/not imported: .*not an image/i);
    expect(reasons['notes.txt']).toMatch(/not imported: .*not an image/i);
    expect(reasons['inner.zip']).toMatch(/nested archive/);
    expect(reasons['sneaky.jpg']).toMatch(/nested archive/);
    expect(reasons['broken-deflate.jpg']).toMatch(/corrupt entry|not imported/);
    expect(reasons['labelled/bad-row.jpg']).toMatch(/labels.csv line 2: colour must be one of .*"purple"/);
    expect((await list('pageSize=1')).total).toBe(201);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('refuses an archive over the entry limit without importing anything', async () => {
    const tiny = await jpeg();
    const entries: [string, Buffer][] = Array.from({ length: 401 }, (_, i) => [`many/${i}.jpg`, tiny]);
    const job = await waitForJob(t, await uploadZip(await zipOf(entries), 'many.zip'));
    expect(job.state).toBe('failed');
    expect(job.error).toBe('"many.zip" has 401 entries; the limit is 400. Split it into smaller archives. Nothing was imported.');
    expect((await list('pageSize=1')).total).toBe(201);
  });

  it('imports plain multi-file uploads, reporting what is not an image', async () => {
    const res = await t
      .http()
      .post('/api/admin/training-images')
      .set(auth())
      .attach('files', await jpeg(), 'one.jpg')
      .attach('files', await jpeg(), 'twö.jpg')
      .attach('files', Buffer.from('plain text'), 'readme.txt')
      .expect(202);
    const job = await waitForJob(t, res.body.jobId);
    expect(job.state).toBe('completed');
    expect(job.result.imported).toBe(2);
    expect(job.result.duplicates).toBe(0);
    expect(job.result.rejected).toEqual([{ entry: 'readme.txt', reason: expect.stringMatching(/^not imported: /) }]);
    const uploads = await list('source=upload&sort=originalName&direction=asc');
    expect(uploads.items.map((i) => i.originalName)).toEqual(['one.jpg', 'twö.jpg']);
    expect(uploads.items.every((i) => i.isLabelled === false)).toBe(true);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('stores a photo once when two imports carrying it run at the same time, leaving no orphaned blobs', async () => {
    const images = t.app.get(TrainingImagesService);
    const blobs = t.app.get(BlobStore);
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const before = (await list('pageSize=1')).total;
    expect(await blobs.count('images')).toBe(2 * before);
    const shared = await Promise.all(Array.from({ length: 30 }, () => jpeg()));
    const dir = mkdtempSync(path.join(tmpdir(), 'images-race-'));
    try {
      const archive = async (name: string) => {
        const own = await Promise.all(Array.from({ length: 5 }, () => jpeg()));
        const entries: [string, Buffer][] = [
          ...shared.map((b, i): [string, Buffer] => [`shared/${i}.jpg`, b]),
          ...own.map((b, i): [string, Buffer] => [`own/${i}.jpg`, b]),
          ['own/again.jpg', own[0]], // the same photo twice in one archive
        ];
        const file = path.join(dir, name);
        writeFileSync(file, await zipOf(entries));
        return file;
      };
      const [a, b] = await Promise.all([archive('a.zip'), archive('b.zip')]);
      const hooks = { progress: async () => undefined, checkCancelled: async () => undefined, imported: async () => undefined };
      const run = (file: string) => new ImportRunner(images, config, hooks, { source: 'zip', userId: 'race' }).runZip(file, path.basename(file));
      const [ra, rb] = await Promise.all([run(a), run(b)]);
      expect(ra.rejected).toEqual([]);
      expect(rb.rejected).toEqual([]);
      expect(ra.imported + rb.imported).toBe(40); // 30 shared + 5 + 5 own
      expect(ra.duplicates + rb.duplicates).toBe(72 - 40);
      const after = (await list('pageSize=1')).total;
      expect(after).toBe(before + 40);
      expect(await blobs.count('images')).toBe(2 * after); // original + thumbnail per record, nothing else
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers bad uploads with a clear 4xx', async () => {
    const post = (url: string) => t.http().post(url).set(auth());
    let res = await post('/api/admin/training-images/zip').attach('file', Buffer.from('%PDF-1.4 not a zip'), 'doc.zip');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('"doc.zip" is not a ZIP archive (it may be damaged, or another kind of file). Choose a .zip of photos, or upload the photos themselves.');
    res = await post('/api/admin/training-images/zip').send({});
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Attach the ZIP archive as the multipart/form-data field "file".');
    res = await post('/api/admin/training-images/zip').attach('archive', Buffer.from('PK\x03\x04'), 'a.zip');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Unexpected file field "archive": send the upload as the multipart field "file" (one ZIP archive).');
    res = await post('/api/admin/training-images').field('x', 'y');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Attach one or more images as the multipart\/form-data field "files"/);
    res = await t.http().post('/api/admin/training-images/zip').attach('file', Buffer.from('PK\x03\x04'), 'a.zip');
    expect(res.status).toBe(401);
    expect(readdirSync(spool)).toEqual([]);
  });
});
