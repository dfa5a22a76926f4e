import { labelDim } from './labels';
import { traitTestMetrics, meanAccuracy } from './metrics';
import { thinnestCells, shareOf } from './report-shapes';
import { buildSnapshotRows } from './snapshot-rows';

const BLUE = { is_cat: true, colour: 'blue', pattern: 'self', is_tabby: false, is_pointed: null } as const;

describe('labelDim', () => {
  it('keeps unlabelled images apart from labelled ones', () => {
    expect(labelDim(null)).toMatchObject({ naturalKey: 'unlabelled', isUnlabelled: true });
    expect(labelDim({ is_cat: null, colour: null, pattern: null, is_tabby: null, is_pointed: null }).naturalKey).toBe('unlabelled');
    expect(labelDim(BLUE as never)).toEqual({
      naturalKey: 'cat=1;colour=blue;pattern=self;tabby=0;pointed=-',
      isUnlabelled: false,
      isCat: true,
      colour: 'blue',
      isTabby: false,
      pattern: 'self',
      isPointed: null,
    });
  });
});

describe('buildSnapshotRows', () => {
  const base = { day: '2025-05-10', predictions: [], feedback: [], models: [], activeModelId: null };

  it('merges groups that land on the same grain and drops zero counts', () => {
    const rows = buildSnapshotRows({
      ...base,
      trainingImages: [
        { label: null, source: 'zip', count: 2 },
        { label: { is_cat: null, colour: null, pattern: null, is_tabby: null, is_pointed: null }, source: 'zip', count: 3 },
        { label: BLUE as never, source: 'upload', count: 4 },
        { label: BLUE as never, source: 'zip', count: 0 },
      ],
    });
    expect(rows.trainingImages).toEqual([
      { labelKey: 'unlabelled', source: 'zip', count: 5 },
      { labelKey: 'cat=1;colour=blue;pattern=self;tabby=0;pointed=-', source: 'upload', count: 4 },
    ]);
    expect(rows.labels).toHaveLength(2);
    expect(rows.sources.sort()).toEqual(['upload', 'zip']);
    expect(rows.totals.trainingImages).toBe(9);
  });

  it('registers models, marks the active one, keeps predictions of unknown models and skips future feedback days', () => {
    const rows = buildSnapshotRows({
      ...base,
      trainingImages: [],
      models: [{ id: 'm1', name: 'First', trainingStartedAt: '2025-05-01T23:59:00Z', trainingEndedAt: new Date('2025-05-02T00:10:00Z'), accuracy: 0.8, loss: Number.NaN, metrics: { colour: { accuracy: 0.7 } } }],
      activeModelId: 'm1',
      predictions: [
        { label: BLUE as never, modelId: 'm1', userReview: 'accepted', adminReview: 'none', count: 2 },
        { label: BLUE as never, modelId: 'gone', userReview: 'rejected', adminReview: 'rejected', count: 1 },
      ],
      feedback: [
        { modelId: 'm1', day: '2025-05-09', trait: 'colour', scored: 3, correct: 5 },
        { modelId: 'm1', day: '2025-05-11', trait: 'colour', scored: 1, correct: 1 },
      ],
    });
    // the accuracy comes from the per-trait metrics (right answers over answers), not the stored run figure
    expect(rows.modelFacts).toEqual([{ modelId: 'm1', trainingStartedDay: '2025-05-01', trainingEndedDay: '2025-05-02', accuracy: 0.7, loss: null, isActive: true }]);
    expect(rows.models.map((m) => m.modelId)).toEqual(['m1', 'gone']);
    expect(rows.predictions.map((p) => [p.modelId, p.userStatus, p.adminStatus, p.count])).toEqual([
      ['m1', 1, 0, 2],
      ['gone', 2, 2, 1],
    ]);
    expect(rows.feedback).toEqual([{ day: '2025-05-09', modelId: 'm1', trait: 'colour', scored: 3, correct: 3 }]);
    expect(rows.days).toEqual(['2025-05-01', '2025-05-02', '2025-05-09', '2025-05-10']);
    expect(rows.testMetrics).toEqual([{ modelId: 'm1', trait: 'colour', accuracy: 0.7, balancedAccuracy: null, macroF1: null, scored: null, answered: null }]);
  });
});

describe('report shapes', () => {
  it('reads per-trait test metrics in both stored shapes and ignores junk', () => {
    expect(traitTestMetrics({ traits: { pattern: { accuracy: 0.5, macroF1: 0.4 } } })).toEqual([{ trait: 'pattern', accuracy: 0.5, balancedAccuracy: null, macroF1: 0.4, scored: null, answered: null }]);
    // how many test photos it rests on: 1 answered of 7 is not the same 0 % as 0 of 7 right
    expect(traitTestMetrics({ pattern: { accuracy: 0, n: 7, abstentionRate: 6 / 7 } })).toEqual([{ trait: 'pattern', accuracy: 0, balancedAccuracy: null, macroF1: null, scored: 7, answered: 1 }]);
    expect(traitTestMetrics({ colour: 'n/a', pattern: {} })).toEqual([]);
    expect(traitTestMetrics(null)).toEqual([]);
    const none = { balancedAccuracy: null, macroF1: null, scored: null, answered: null };
    expect(meanAccuracy([{ trait: 'a', accuracy: 0.5, ...none }, { trait: 'b', accuracy: 1, ...none }])).toBe(0.75);
    // with answer counts, each trait weighs by its answers: 1 wrong of 1 does not halve 60 right of 60
    const answered = (n: number) => ({ balancedAccuracy: null, macroF1: null, scored: n, answered: n });
    expect(meanAccuracy([{ trait: 'a', accuracy: 1, ...answered(60) }, { trait: 'b', accuracy: 0, ...answered(1) }])).toBeCloseTo(60 / 61);
  });

  it('lists all 30 colour × pattern cells, thinnest first', () => {
    const cells = thinnestCells([{ colour: 'blue', pattern: 'self', count: 4 }, { colour: 'black', pattern: 'self', count: 1 }]);
    expect(cells).toHaveLength(30);
    expect(cells[0]).toEqual({ colour: 'black', pattern: 'bicolour', count: 0 });
    expect(cells.at(-2)).toEqual({ colour: 'black', pattern: 'self', count: 1 });
    expect(cells.at(-1)).toEqual({ colour: 'blue', pattern: 'self', count: 4 });
  });

  it('never divides by zero', () => {
    expect(shareOf(1, 0)).toBeNull();
    expect(shareOf(2, 3)).toBe(0.6667);
  });
});
