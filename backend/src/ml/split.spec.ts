import { seededRandom, stratifiedFolds, stratifiedSplit } from './split';

describe('stratifiedSplit', () => {
  const keys = [...Array(80).fill('a'), ...Array(20).fill('b'), 'lonely'];
  it('keeps every stratum in proportion and is deterministic for a seed', () => {
    const s = stratifiedSplit(keys, 0.25, 7);
    expect(s.validation.filter((i) => keys[i] === 'a')).toHaveLength(20);
    expect(s.validation.filter((i) => keys[i] === 'b')).toHaveLength(5);
    expect(s.train).toContain(100); // a stratum of one goes to training
    expect(new Set([...s.train, ...s.validation]).size).toBe(keys.length);
    expect(stratifiedSplit(keys, 0.25, 7)).toEqual(s);
    expect(stratifiedSplit(keys, 0.25, 8)).not.toEqual(s);
  });
  it('rejects a share outside [0,1)', () => {
    expect(() => stratifiedSplit(keys, 1)).toThrow();
  });
});

describe('stratifiedFolds', () => {
  it('spreads each stratum evenly over the folds', () => {
    const keys = [...Array(50).fill('x'), ...Array(10).fill('y')];
    const f = stratifiedFolds(keys, 5, 3);
    for (let k = 0; k < 5; k++) {
      expect(f.filter((v, i) => v === k && keys[i] === 'x')).toHaveLength(10);
      expect(f.filter((v, i) => v === k && keys[i] === 'y')).toHaveLength(2);
    }
  });
  it('seededRandom is reproducible', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
