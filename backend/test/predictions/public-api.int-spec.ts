/**
 * The breeders' API (issue 4) on the real stack: FerretDB/GridFS, Postgres, Redis and the real engine with the
 * starter model. Every bad input gets its exact status and message, and stores nothing.
 */
import sharp from 'sharp';
import { BlobStore } from '../../src/infra/mongo/blob-store';
import { noisyJpeg, pngHeaderOnly } from '../support/images';
import { startTestApp, TestApp } from '../support/test-app';

describe('public predictions API', () => {
  let t: TestApp;
  let blobs: BlobStore;
  beforeAll(async () => {
    t = await startTestApp('predict', { withEngine: true, env: { UPLOAD_MAX_IMAGE_BYTES: String(2 * 1024 * 1024) } });
    blobs = t.app.get(BlobStore);
  });
  afterAll(() => t.close());

  const upload = (bytes: Buffer, filename = 'cat.jpg') => t.http().post('/api/predictions').attach('image', bytes, filename);

  it('predicts a photo: every trait with value, confidence and unsure; breeder terms; the model; the stored image', async () => {
    const photo = await noisyJpeg(640, 480);
    const res = await upload(photo).expect(201);
    expect(res.body).toEqual({
      // only the uploader gets it (never again): feedback needs it
      answerToken: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      modelId: expect.any(String),
      createdAt: expect.any(String),
      imageUrl: `/api/predictions/${res.body.id}/image`,
      traits: {
        is_cat: expect.objectContaining({ confidence: expect.any(Number), unsure: expect.any(Boolean) }),
        colour: expect.objectContaining({ confidence: expect.any(Number), unsure: expect.any(Boolean) }),
        pattern: expect.objectContaining({ confidence: expect.any(Number), unsure: expect.any(Boolean) }),
        is_tabby: expect.objectContaining({ confidence: expect.any(Number), unsure: expect.any(Boolean) }),
        is_pointed: expect.objectContaining({ confidence: expect.any(Number), unsure: expect.any(Boolean) }),
      },
      breederCode: res.body.breederCode,
      breederName: res.body.breederName,
      // the starter model learnt black and blue from its Oxford photos, and no pattern at all
      unlearnt: { colour: ['chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'], pattern: ['self', 'bicolour', 'van'] },
      feedback: null,
    });
    for (const trait of Object.values(res.body.traits) as Array<{ value: unknown; confidence: number }>) {
      expect(trait.confidence).toBeGreaterThanOrEqual(0);
      expect(trait.confidence).toBeLessThanOrEqual(1);
      expect('value' in trait).toBe(true);
    }
    const models = await t.http().get('/api/admin/models').set('Authorization', `Bearer ${await t.adminToken()}`);
    if (models.status === 200) expect(models.body.map((m: { id: string }) => m.id)).toContain(res.body.modelId);

    const again = await t.http().get(`/api/predictions/${res.body.id}`).expect(200);
    const { answerToken: _token, ...shared } = res.body;
    expect(again.body).toEqual(shared); // the link shows the result, never the token
    const img = await t.http().get(res.body.imageUrl).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(img.body as Buffer).metadata();
    expect(meta.width! / meta.height!).toBeCloseTo(640 / 480, 2); // display copy keeps the aspect ratio
  });

  const answer = (res: { body: { id: string; answerToken: string } }, body: Record<string, unknown>) =>
    t.http().post(`/api/predictions/${res.body.id}/feedback`).send({ ...body, answerToken: res.body.answerToken });

  it('takes feedback from the uploader only: anyone else with the link gets a 403, and nothing is recorded', async () => {
    const res = await upload(await noisyJpeg(300, 200)).expect(201);
    const none = await t.http().post(`/api/predictions/${res.body.id}/feedback`).send({ accepted: false, correction: { colour: 'lilac' } }).expect(403);
    expect(none.body.message).toBe('Only the person who uploaded this photo can say whether the result is right (from the browser they used).');
    await t.http().post(`/api/predictions/${res.body.id}/feedback`).send({ accepted: true, answerToken: 'x'.repeat(24) }).expect(403);
    expect((await t.http().get(`/api/predictions/${res.body.id}`).expect(200)).body.feedback).toBeNull();
    await answer(res, { accepted: true }).expect(201);
  });

  it('takes feedback once; a second answer is a 409 and keeps the first', async () => {
    const res = await upload(await noisyJpeg(300, 200)).expect(201);
    const fb = await answer(res, { accepted: false, correction: { colour: 'lilac' } }).expect(201);
    expect(fb.body.feedback).toMatchObject({ accepted: false, correction: { colour: 'lilac' } });
    const second = await answer(res, { accepted: true }).expect(409);
    expect(second.body.message).toBe('Feedback for this result was already received. Thank you!');
    const stored = await t.http().get(`/api/predictions/${res.body.id}`).expect(200);
    expect(stored.body.feedback.accepted).toBe(false);
  });

  it('refuses bad feedback bodies with a readable 400', async () => {
    const res = await upload(await noisyJpeg(300, 200)).expect(201);
    const a = await answer(res, {}).expect(400);
    expect(a.body.message).toBe('accepted is required: accepted must be true or false');
    const b = await answer(res, { accepted: false, correction: { colour: 'purple' } }).expect(400);
    expect(b.body.message).toMatch(/colour/);
    expect(b.body.message).toMatch(/purple/);
    // nothing was recorded by the bad attempts
    await answer(res, { accepted: true }).expect(201);
  });

  describe('bad uploads: exact status and message, nothing stored', () => {
    let before: number;
    beforeEach(async () => {
      before = await blobs.count('images');
    });
    afterEach(async () => {
      expect(await blobs.count('images')).toBe(before);
    });

    it('no file → 400', async () => {
      const res = await t.http().post('/api/predictions').field('note', 'x').expect(400);
      expect(res.body.message).toBe('Choose a photo to upload (multipart form field "image").');
    });

    it('a photo too small to show a coat → 422 naming its size and the minimum', async () => {
      const res = await upload(await noisyJpeg(8, 8)).expect(422);
      expect(res.body.message).toBe('The photo is only 8x8 pixels: too small to see the coat. Send a photo at least 64 pixels on its shorter side.');
    });

    it('empty file → 400', async () => {
      const res = await upload(Buffer.alloc(0)).expect(400);
      expect(res.body.message).toBe('The file is empty.');
    });

    it('text renamed .jpg → 415', async () => {
      const res = await upload(Buffer.from('this is not a photo of a cat, it is a text file\n'.repeat(20)), 'cat.jpg').expect(415);
      expect(res.body.message).toBe('This file is not an image in a supported format (JPEG, PNG, WebP, AVIF, GIF, TIFF).');
    });

    it('oversize file → 413 naming the limit', async () => {
      const res = await upload(Buffer.concat([await noisyJpeg(100, 100), Buffer.alloc(3 * 1024 * 1024)])).expect(413);
      expect(res.body.message).toBe('The file is too large: the limit is 2 MB.');
    });

    it('corrupt (truncated) JPEG → 422', async () => {
      const jpeg = await noisyJpeg(800, 600);
      const res = await upload(jpeg.subarray(0, Math.floor(jpeg.length / 3))).expect(422);
      expect(res.body.message).toMatch(/^The image could not be decoded \(it may be truncated or damaged\)/);
    });

    it('a picture with too many pixels → 413 without decoding it', async () => {
      const huge = pngHeaderOnly(20000, 20000);
      const res = await upload(huge, 'huge.png').expect(413);
      expect(res.body.message).toBe(
        'The image is 20000x20000 (400 megapixels); the limit is 60 megapixels. Resize it (for example to 4000 pixels on its longer side) and try again.',
      );
    });
  });

  it('unknown or malformed ids → 404 with a readable message', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'x', '../../etc/passwd']) {
      const res = await t.http().get(`/api/predictions/${encodeURIComponent(id)}`).expect(404);
      expect(res.body.message).toBe('No result with this link. It may have been mistyped.');
    }
    await t.http().get('/api/predictions/AAAAAAAAAAAAAAAAAAAAAA/image').expect(404);
    await t.http().post('/api/predictions/AAAAAAAAAAAAAAAAAAAAAA/feedback').send({ accepted: true }).expect(404);
  });

  it('says what the answering model can tell, without a login, for the upload page', async () => {
    const res = await t.http().get('/api/model').expect(200);
    // the starter: no pattern or colourpoint head; colours only black and blue
    expect(res.body).toEqual({
      available: true,
      answers: ['is_cat', 'colour', 'is_tabby'],
      unlearnt: { colour: ['chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'], pattern: ['self', 'bicolour', 'van'] },
    });
  });

  it('serves the vocabulary with breeder codes and explanations', async () => {
    const res = await t.http().get('/api/vocabulary').expect(200);
    const names = res.body.traits.map((x: { name: string }) => x.name);
    expect(names).toEqual(['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed']);
    const colour = res.body.traits.find((x: { name: string }) => x.name === 'colour');
    expect(colour.values.find((v: { value: string }) => v.value === 'blue')).toMatchObject({ ems: 'a', displayName: 'Blue' });
  });
});
