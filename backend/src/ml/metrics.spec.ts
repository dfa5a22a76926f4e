import { balancedAccuracy, confusion, expectedCalibrationError, macroF1, traitMetrics, type ScoredCell } from './metrics';

const cell = (truth: string, predicted: string | null, confidence = 0.9, top = predicted ?? truth): ScoredCell => ({ truth, predicted, confidence, top });

describe('metrics', () => {
  // truth a a a b b c ; predicted a a b b null(c) a
  const cells = [cell('a', 'a'), cell('a', 'a'), cell('a', 'b'), cell('b', 'b'), cell('c', null, 0.4, 'c'), cell('c', 'a')];
  const labels = ['a', 'b', 'c'];

  it('confusion counts answered cells only (truth rows, predicted columns)', () => {
    expect(confusion(cells, labels).matrix).toEqual([
      [2, 1, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });
  it('balanced accuracy = mean recall over classes present in answered truth', () => {
    // recalls: a 2/3, b 1/1, c 0/1
    expect(balancedAccuracy(confusion(cells, labels))).toBeCloseTo((2 / 3 + 1 + 0) / 3, 10);
  });
  it('macro-F1 by hand', () => {
    // a: tp2 truth3 pred3 -> 2*2/6 = 0.6667; b: tp1 truth1 pred2 -> 2/3; c: tp0 truth1 pred0 -> 0
    expect(macroF1(confusion(cells, labels))).toBeCloseTo((4 / 6 + 2 / 3 + 0) / 3, 10);
  });
  it('traitMetrics: accuracy over answered, abstention separately, majority baseline', () => {
    const m = traitMetrics(cells, labels);
    expect(m.n).toBe(6);
    expect(m.answered).toBe(5);
    expect(m.accuracy).toBeCloseTo(3 / 5, 4);
    expect(m.abstentionRate).toBeCloseTo(1 / 6, 4);
    expect(m.baselineAccuracy).toBeCloseTo(3 / 6, 4);
  });
  it('expected calibration error by hand', () => {
    // bin 0.9: 4 cells, 3 correct by top (a,a,b(b),c->a wrong... ) computed explicitly below
    const c2 = [cell('a', 'a', 0.95), cell('a', 'b', 0.95), cell('b', 'b', 0.55), cell('b', 'b', 0.55)];
    // bin 9: conf 0.95, acc 0.5 -> |0.5-0.95| * 2/4 = 0.225; bin 5: conf 0.55, acc 1 -> 0.45 * 2/4 = 0.225
    expect(expectedCalibrationError(c2)).toBeCloseTo(0.45, 10);
  });
  it('empty input gives nulls, not NaN', () => {
    const m = traitMetrics([], labels);
    expect(m).toMatchObject({ n: 0, accuracy: null, balancedAccuracy: null, macroF1: null, ece: null, baselineAccuracy: null });
  });
});
