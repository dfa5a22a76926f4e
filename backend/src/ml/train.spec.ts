import type { ModelArtefact } from './artefact';
import { evaluate } from './evaluate';
import { answerFloor } from './heads';
import { predictFromFeatures } from './predict';
import { syntheticSamples } from './test-fixtures';
import { checkTrainable, trainHeads } from './train';
import { EMPTY_LABEL, PATTERNS } from './vocabulary';

describe('trainHeads', () => {
  const dim = 12;
  const train = syntheticSamples(240, dim, 1);
  const test = syntheticSamples(120, dim, 2);
  // one training run shared by the read-only tests below (seeded, so every test sees the same model)
  const progress: number[] = [];
  let model: ModelArtefact;
  beforeAll(async () => {
    model = await trainHeads(train, { seed: 3, featureVersion: 'synthetic' }, (e) => progress.push(e.progress));
  });

  it('learns separable traits, masks unknown labels and reports progress', () => {
    expect(Object.keys(model.heads).sort()).toEqual(['colour', 'is_cat', 'is_tabby', 'pattern']);
    expect(model.heads.is_pointed).toBeUndefined(); // never labelled -> no head -> "not sure"
    expect(model.training.traits.is_pointed!.skipped).toMatch(/fewer than 2 values/);
    // tabby unknown on every 5th cat: those rows are not used by that head
    expect(model.training.traits.is_tabby!.n).toBe(train.filter((s) => s.label.is_tabby !== null).length);
    const report = evaluate(model, test);
    expect(report.traits.is_cat.accuracy!).toBeGreaterThan(0.95);
    expect(report.traits.colour.accuracy!).toBeGreaterThan(0.9);
    expect(report.traits.is_tabby.accuracy!).toBeGreaterThan(0.9);
    expect(report.traits.is_pointed.n).toBe(0);
    expect(progress.length).toBeGreaterThan(10);
    expect(Math.max(...progress)).toBeLessThanOrEqual(1);
  });

  it('predicts the contract shape; a confident non-cat has no coat answers', () => {
    const nonCat = test.find((s) => s.label.is_cat === false)!;
    const p = predictFromFeatures(model, nonCat.features);
    expect(p.traits.is_cat).toEqual({ value: false, confidence: expect.any(Number), unsure: false });
    expect(p.traits.colour).toEqual({ value: null, confidence: 0, unsure: false });
    expect(p.traits.is_pointed.unsure).toBe(true);
    const cat = test.find((s) => s.label.colour === 'blue')!;
    const q = predictFromFeatures(model, cat.features);
    expect(q.traits.colour.value === 'blue' || q.traits.colour.unsure).toBe(true);
    if (q.traits.colour.value) expect(q.breederCode).toMatch(/^BSH a/);
  });

  it('a head that only knows some values abstains on inputs unlike its training data', () => {
    expect(model.heads.colour!.classes).toEqual(['black', 'blue', 'red']);
    expect(model.heads.colour!.openSet).not.toBeNull();
    const far = new Float32Array(dim).fill(0);
    far[0] = 2;
    for (let j = 1; j < dim - 1; j++) far[j] = 9; // nothing like any colour seen
    expect(predictFromFeatures(model, far).traits.colour).toMatchObject({ value: null, unsure: true, reason: 'unfamiliar' });
  });

  it('lists the colours and patterns the model cannot answer, every value of a trait it has no head for', () => {
    const cat = test.find((s) => s.label.is_cat === true)!;
    const { unlearnt } = predictFromFeatures(model, cat.features);
    expect(unlearnt.colour).toEqual(['chocolate', 'lilac', 'cinnamon', 'fawn', 'cream', 'white', 'other']);
    expect(unlearnt.pattern).toEqual(PATTERNS.filter((v) => !model.heads.pattern!.classes.includes(v)));
    const noPattern: ModelArtefact = { ...model, heads: { ...model.heads, pattern: undefined } };
    expect(predictFromFeatures(noPattern, cat.features).unlearnt.pattern).toEqual(['self', 'bicolour', 'van']);
  });

  it('says why a trait is not sure: untrained (no head), unfamiliar (open-set guard) or uncertain (below threshold)', () => {
    const cat = test.find((s) => s.label.is_cat === true && s.label.colour === 'black')!;
    const p = predictFromFeatures(model, cat.features);
    // never labelled: no head at all
    expect(p.traits.is_pointed).toEqual({ value: null, confidence: 0, unsure: true, reason: 'untrained' });
    // a sure answer carries no reason
    for (const t of ['is_cat', 'colour', 'pattern', 'is_tabby'] as const) if (!p.traits[t].unsure) expect(p.traits[t].reason).toBeUndefined();
    // the same photo with the tabby head's threshold above any confidence: below threshold, in the training data's range
    const strict: ModelArtefact = { ...model, heads: { ...model.heads, is_tabby: { ...model.heads.is_tabby!, threshold: 1.01, openSet: null } } };
    const q = predictFromFeatures(strict, cat.features).traits.is_tabby;
    expect(q).toMatchObject({ value: null, unsure: true, reason: 'uncertain' });
    expect(q.confidence).toBeGreaterThan(0.5);
  });

  it('never answers barely above chance: the floor is chance + 0.1 whatever threshold a head chose', () => {
    expect(answerFloor({ threshold: 0, classes: ['false', 'true'] })).toBeCloseTo(0.6);
    expect(answerFloor({ threshold: 0, classes: ['self', 'bicolour', 'van'] })).toBeCloseTo(1 / 3 + 0.1);
    expect(answerFloor({ threshold: 0.8, classes: ['false', 'true'] })).toBe(0.8);
    for (const s of test) {
      const p = predictFromFeatures(model, s.features);
      for (const t of ['is_cat', 'is_tabby'] as const) if (!p.traits[t].unsure && p.traits[t].value !== null) expect(p.traits[t].confidence).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('leaves a withheld trait untrained, with the reason on record', async () => {
    const m = await trainHeads(train, { seed: 3, featureVersion: 'synthetic', withhold: { is_tabby: 'its examples do not carry over' } });
    expect(m.heads.is_tabby).toBeUndefined();
    expect(m.training.traits.is_tabby!.skipped).toBe('its examples do not carry over');
    expect(predictFromFeatures(m, test[0].features).traits.is_tabby).toMatchObject({ value: null, unsure: true, reason: 'untrained' });
  });

  it('is deterministic for a seed', async () => {
    const opts = { seed: 5, featureVersion: 'x', maxEpochs: 15 };
    const a = await trainHeads(train, opts);
    const b = await trainHeads(train, opts);
    for (const t of ['is_cat', 'colour', 'is_tabby'] as const) {
      expect(Buffer.from(a.heads[t]!.w2.buffer).equals(Buffer.from(b.heads[t]!.w2.buffer))).toBe(true);
    }
    expect(Buffer.from(a.heads.is_tabby!.w1.buffer).equals(Buffer.from(b.heads.is_tabby!.w1.buffer))).toBe(true);
  });

  it('synthetic copies train only their own trait and make a rare value learnable; counts stay real', async () => {
    const dim2 = 8;
    const real = syntheticSamples(120, dim2, 4);
    // two real cream photos: below the 3 a value needs, so without copies the head cannot answer cream
    const cream = (seed: number, synthetic?: 'colour') => {
      const f = new Float32Array(dim2).fill(0.1 * seed);
      f[0] = 2;
      f[4] = 3;
      return { features: f, label: { ...EMPTY_LABEL, is_cat: true, colour: 'cream' as const, is_tabby: true }, ...(synthetic ? { synthetic } : {}) };
    };
    const withReal = [...real, cream(1), cream(2)];
    const plain = await trainHeads(withReal, { seed: 1, maxEpochs: 20 });
    expect(plain.heads.colour!.classes).not.toContain('cream');
    const copies = [3, 4, 5, 6].map((k) => cream(k, 'colour'));
    const m = await trainHeads([...withReal, ...copies], { seed: 1, maxEpochs: 20 });
    expect(m.heads.colour!.classes).toContain('cream');
    const info = m.training.traits.colour!;
    expect(info.counts.cream).toBe(2);
    expect(info.syntheticCounts).toEqual({ cream: 4 });
    expect(info.n).toBe(withReal.filter((s) => s.label.colour !== null).length);
    // the copies carry is_tabby but never reach the tabby head
    expect(m.training.traits.is_tabby!.n).toBe(plain.training.traits.is_tabby!.n);
    expect(m.training.traits.is_tabby!.syntheticCounts).toBeUndefined();
  });

  it('can be cancelled', async () => {
    let calls = 0;
    await expect(trainHeads(train, { seed: 1 }, undefined, () => ++calls > 5)).rejects.toThrow(/cancelled/);
  });

});

describe('checkTrainable', () => {
  it('explains which traits cannot be trained', () => {
    const labels = [
      { ...EMPTY_LABEL, is_cat: true, colour: 'blue' as const },
      { ...EMPTY_LABEL, is_cat: true, colour: 'blue' as const },
      { ...EMPTY_LABEL, is_cat: false },
      { ...EMPTY_LABEL, is_cat: false },
    ];
    const problems = checkTrainable(labels, ['is_cat', 'colour'], 2);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^colour: .*blue: 2/);
    expect(checkTrainable(labels, ['is_cat'], 1)).toEqual([]);
  });
});
