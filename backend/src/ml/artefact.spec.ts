import { deserializeArtefact, serializeArtefact } from './artefact';
import { EngineError } from './errors';
import { evaluate } from './evaluate';
import { predictFromFeatures } from './predict';
import { syntheticSamples } from './test-fixtures';
import { trainHeads } from './train';

describe('model artefact', () => {
  it('round-trips bit-identically and predicts the same', async () => {
    const samples = syntheticSamples(160, 10, 4);
    const model = await trainHeads(samples, { seed: 2, featureVersion: 'synthetic-v1' });
    model.metrics = evaluate(model, samples);
    const bytes = serializeArtefact(model);
    const back = deserializeArtefact(bytes);
    expect(serializeArtefact(back).equals(bytes)).toBe(true);
    expect(back.heads.colour!.w2).toBeInstanceOf(Float32Array);
    expect(Buffer.from(back.heads.colour!.w2.buffer).equals(Buffer.from(model.heads.colour!.w2.buffer))).toBe(true);
    expect(back.heads.colour!.openSet!.refLabels).toBeInstanceOf(Int32Array);
    expect(back.featureVersion).toBe('synthetic-v1');
    expect(back.metrics).toEqual(model.metrics);
    expect(back.training).toEqual(JSON.parse(JSON.stringify(model.training)));
    for (const s of samples.slice(0, 20)) expect(predictFromFeatures(back, s.features)).toEqual(predictFromFeatures(model, s.features));
  });

  it('rejects bytes that are not a model with a typed error', () => {
    expect(() => deserializeArtefact(Buffer.from('hello'))).toThrow(EngineError);
    expect(() => deserializeArtefact(Buffer.alloc(0))).toThrow(/magic/);
  });

  it('rejects a truncated model', async () => {
    const model = await trainHeads(syntheticSamples(80, 6, 1), { seed: 1, featureVersion: 'x' });
    const bytes = serializeArtefact(model);
    expect(() => deserializeArtefact(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
  });
});
