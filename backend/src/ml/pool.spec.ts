import sharp from 'sharp';
import { serializeArtefact } from './artefact';
import { EngineError, ImageInputError } from './errors';
import { FEATURE_DIM, FEATURE_VERSION } from './feature-layout';
import { InferencePool } from './pool';
import { seededRandom } from './split';
import { trainHeads } from './train';
import { EMPTY_LABEL, type PhenotypeLabel } from './vocabulary';

/** A tiny model of the engine's feature layout, trained on random vectors (shape, not accuracy, is tested). */
async function tinyModel(seed: number): Promise<Buffer> {
  const rand = seededRandom(seed);
  const colours = ['black', 'blue', 'red'] as const;
  const samples = Array.from({ length: 60 }, (_, i) => {
    const label: PhenotypeLabel = i % 3 === 0 ? { ...EMPTY_LABEL, is_cat: false } : { ...EMPTY_LABEL, is_cat: true, colour: colours[i % 3], pattern: 'self', is_tabby: i % 2 === 0, is_pointed: i % 4 === 0 };
    return { features: Float32Array.from({ length: FEATURE_DIM }, () => rand()), label };
  });
  return serializeArtefact(await trainHeads(samples, { seed, featureVersion: FEATURE_VERSION, maxEpochs: 5 }));
}

describe('InferencePool (worker threads, tfjs wasm)', () => {
  let pool: InferencePool;
  let photo: Buffer;

  beforeAll(async () => {
    pool = await InferencePool.create({ workers: 2, maxPixels: 40_000_000 });
    await pool.setModel('m1', await tinyModel(1));
    // a warm orange blob on a grey background
    photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#777' } })
      .composite([{ input: await sharp({ create: { width: 300, height: 250, channels: 3, background: '#d2691e' } }).png().toBuffer(), left: 170, top: 120 }])
      .jpeg()
      .toBuffer();
  }, 120_000);

  afterAll(async () => {
    await pool?.close();
  });

  it('runs the wasm backend in every worker', () => {
    expect(pool.info.runtime).toMatchObject({ backend: 'wasm' });
    expect(pool.info.featureVersion).toBe(FEATURE_VERSION);
    expect(pool.modelId).toBe('m1');
  });

  it('predicts the contract shape', async () => {
    const p = await pool.predict(photo);
    expect(p.modelId).toBe('m1');
    expect(Object.keys(p.traits).sort()).toEqual(['colour', 'is_cat', 'is_pointed', 'is_tabby', 'pattern']);
    for (const t of Object.values(p.traits)) {
      expect(typeof t.unsure).toBe('boolean');
      expect(t.confidence).toBeGreaterThanOrEqual(0);
      expect(t.confidence).toBeLessThanOrEqual(1);
      if (t.unsure) expect(t.value).toBeNull();
    }
    expect(p).toHaveProperty('breederCode');
    expect(p).toHaveProperty('breederName');
  }, 60_000);

  it('extracts feature vectors of the engine layout', async () => {
    const f = await pool.extractFeatures(photo);
    expect(f).toBeInstanceOf(Float32Array);
    expect(f.length).toBe(FEATURE_DIM);
    expect(Array.from(f).every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('extracts the features of a recoloured training copy (red -> cream) in a worker', async () => {
    const plain = await pool.extractFeatures(photo);
    const copy = await pool.extractFeatures(photo, { kind: 'recolour', from: 'red', to: 'cream' });
    expect(copy.length).toBe(FEATURE_DIM);
    expect(Array.from(copy).every(Number.isFinite)).toBe(true);
    expect(Buffer.from(copy.buffer).equals(Buffer.from(plain.buffer))).toBe(false);
    expect(await pool.extractFeatures(photo, { kind: 'recolour', from: 'red', to: 'cream' })).toEqual(copy); // deterministic
  }, 60_000);

  it('bad images fail with typed errors, also when the failure happens inside a worker', async () => {
    await expect(pool.predict(Buffer.alloc(0))).rejects.toMatchObject({ code: 'empty' });
    await expect(pool.predict(Buffer.from('not an image at all, just text'))).rejects.toBeInstanceOf(ImageInputError);
    const truncated = photo.subarray(0, Math.floor(photo.length * 0.6));
    const err = await pool.predict(truncated).catch((e) => e);
    expect(err).toBeInstanceOf(ImageInputError);
    expect(err.code).toBe('corrupt');
  }, 60_000);

  it('rejects a model made for other features', async () => {
    const other = serializeArtefact(await trainHeads([{ features: new Float32Array(4), label: { ...EMPTY_LABEL, is_cat: true } }], { featureVersion: 'other' }));
    await expect(pool.setModel('bad', other)).rejects.toMatchObject({ code: 'incompatible' });
    await expect(pool.setModel('junk', Buffer.from('junk'))).rejects.toBeInstanceOf(EngineError);
    expect(pool.modelId).toBe('m1');
  });

  it('switches models without failing requests in flight', async () => {
    const m2 = await tinyModel(2);
    const inflight = Array.from({ length: 4 }, () => pool.predict(photo));
    await pool.setModel('m2', m2);
    const done = await Promise.all(inflight);
    expect(done.every((r) => r.modelId === 'm1' || r.modelId === 'm2')).toBe(true);
    expect((await pool.predict(photo)).modelId).toBe('m2');
  }, 60_000);

  it('replaces a crashed worker and rejects its in-flight request with EngineError', async () => {
    const inflight = [pool.predict(photo), pool.predict(photo), pool.predict(photo)];
    await pool.crashOneWorkerForTest();
    const results = await Promise.allSettled(inflight);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(EngineError);
        expect(r.reason.code).toBe('worker_crashed');
      }
    }
    // the pool keeps serving, with the replacement worker getting the active model
    for (let i = 0; i < 4; i++) expect((await pool.predict(photo)).modelId).toBe('m2');
    expect(pool.size).toBe(2);
  }, 120_000);
});
