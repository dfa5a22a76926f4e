import { randomBytes } from 'node:crypto';
import { BlobStore } from '../../src/infra/mongo/blob-store';
import { startTestApp, startWorkerProcess, TestApp, waitForJob } from '../support/test-app';

describe('infrastructure against the real servers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('infra');
  });
  afterAll(() => t.close());

  it('round-trips a 5 MB file through GridFS: upload, download identical, delete', async () => {
    const blobs = t.app.get(BlobStore);
    const bytes = randomBytes(5 * 1024 * 1024);
    const before = await blobs.count('images');
    const id = await blobs.put('images', bytes, 'big.bin', 'application/octet-stream', { test: true });
    const info = await blobs.info('images', id);
    expect(info).toMatchObject({ length: bytes.length, filename: 'big.bin', contentType: 'application/octet-stream' });
    const back = await blobs.get('images', id);
    expect(back.equals(bytes)).toBe(true);
    await blobs.delete('images', id);
    expect(await blobs.info('images', id)).toBeNull();
    expect(await blobs.count('images')).toBe(before);
    await expect(blobs.delete('images', id)).resolves.toBeUndefined(); // idempotent
  });

  it('sends baseline security headers (result links are capabilities: no Referer leaks)', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('says no model is answering yet when none is active (the public upload page warns before an upload)', async () => {
    const res = await t.http().get('/api/model').expect(200);
    expect(res.body).toEqual({ available: false, answers: [], unlearnt: null });
  });

  it('reports each dependency separately on /api/health', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    for (const dep of ['mongo', 'postgres', 'redis']) expect(res.body[dep].status).toBe('up');
  });

  it('a job enqueued by the API process is completed by the separate worker process', async () => {
    const worker = startWorkerProcess(t.env);
    try {
      const token = await t.adminToken();
      const res = await t.http().post('/api/admin/jobs/ping').set('Authorization', `Bearer ${token}`).expect(201);
      const job = await waitForJob(t, res.body.jobId, 60_000);
      expect(job.state).toBe('completed');
      expect(job.progress).toBe(100);
      expect(job.result.pong).toBe('ping');
      expect(job.result.pid).toBe(worker.child.pid);
      expect(job.result.pid).not.toBe(process.pid);
    } catch (err) {
      // eslint-disable-next-line no-console
      console.error(worker.output());
      throw err;
    } finally {
      await worker.stop();
    }
  });

  it('answers unknown job ids with a readable 404', async () => {
    const token = await t.adminToken();
    const res = await t.http().get('/api/admin/jobs/does-not-exist').set('Authorization', `Bearer ${token}`).expect(404);
    expect(res.body.message).toMatch(/No job with id/);
  });
});
