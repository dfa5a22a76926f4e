import { crossValidate, foldSets, type SyntheticSample } from './cross-validate';
import { syntheticSamples } from './test-fixtures';
import { EMPTY_LABEL } from './vocabulary';

describe('cross-validation with synthetic copies', () => {
  const real = syntheticSamples(6, 4, 1);
  const copy = (sourceIndex: number): SyntheticSample => ({
    features: real[sourceIndex].features,
    label: { ...EMPTY_LABEL, is_cat: true, colour: 'cream' },
    synthetic: 'colour',
    sourceIndex,
  });
  const copies = [copy(0), copy(1), copy(1), copy(4)];

  it('a copy trains only in the folds where its source photo trains, and is never tested', () => {
    const folds = [0, 1, 0, 1, 2, 2];
    const f1 = foldSets(real, folds, 1, copies);
    expect(f1.test).toEqual([real[1], real[3]]);
    expect(f1.train).toEqual([real[0], real[2], real[4], real[5], copies[0], copies[3]]);
    const f0 = foldSets(real, folds, 0, copies);
    expect(f0.train.filter((s) => s.synthetic)).toEqual([copies[1], copies[2], copies[3]]);
    expect(foldSets(real, folds, 2).train).toHaveLength(4);
  });

  it('scores real photos only', async () => {
    const samples = syntheticSamples(90, 6, 2);
    const extra = samples.flatMap((s, i): SyntheticSample[] => (s.label.colour === 'red' ? [{ ...s, label: { ...s.label, colour: 'cream' }, synthetic: 'colour', sourceIndex: i }] : []));
    const { report } = await crossValidate(samples, samples.map((s) => String(s.label.colour)), 3, { maxEpochs: 10 }, extra);
    expect(report.traits.colour.n).toBe(samples.filter((s) => s.label.colour !== null).length);
    expect(report.traits.is_tabby.n).toBe(samples.filter((s) => s.label.is_tabby !== null).length);
  });
});
