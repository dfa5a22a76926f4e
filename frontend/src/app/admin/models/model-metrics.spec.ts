import { ModelDetail } from './models-api';
import { activationWarnings, answeredNote, comparedDelta, confusionGrid, formatMetric, meanMetric, metricDelta, metricsSource, unlearntLines } from './model-metrics';

describe('model metrics helpers', () => {
  it('formats metrics and deltas for people', () => {
    expect(formatMetric(0.8123, 'percent')).toBe('81.2 %');
    expect(formatMetric(null, 'number')).toBe('—');
    expect(metricDelta(0.8, 0.85, 'percent', true)).toEqual({ text: '+5.0 pt', better: true });
    expect(metricDelta(0.05, 0.1, 'number', false)).toEqual({ text: '+0.050', better: false });
    expect(metricDelta(1, 1, 'number', true)).toEqual({ text: '±0', better: null });
    expect(metricDelta(undefined, 1, 'number', true).better).toBeNull();
  });

  it('lays a confusion matrix out as read: true values down, answers across, same order, correct on the diagonal', () => {
    const grid = confusionGrid({ labels: ['black', 'blue', 'red'], matrix: [[3, 1, 0], [0, 4, 0], [0, 0, 0]] })!;
    expect(grid.values).toEqual(['black', 'blue']); // red: neither tested nor answered
    expect(grid.rows.map((r) => r.truth)).toEqual(['black', 'blue']);
    expect(grid.rows[0].cells).toEqual([
      { predicted: 'black', count: 3, correct: true, level: 3 },
      { predicted: 'blue', count: 1, correct: false, level: 1 },
    ]);
    expect(grid.rows[1].cells).toEqual([
      { predicted: 'black', count: 0, correct: false, level: 0 },
      { predicted: 'blue', count: 4, correct: true, level: 4 },
    ]);
    expect(grid.max).toBe(4);
  });

  it('keeps a value that was only ever answered, names yes/no traits in words, and has nothing for an empty matrix', () => {
    const grid = confusionGrid({ labels: ['false', 'true'], matrix: [[0, 2], [0, 0]] })!;
    expect(grid.values).toEqual(['no', 'yes']);
    expect(grid.rows[1].cells.map((c) => c.count)).toEqual([0, 0]);
    expect(confusionGrid({ labels: ['false', 'true'], matrix: [[0, 0], [0, 0]] })).toBeNull();
    expect(confusionGrid({ labels: [], matrix: [] })).toBeNull();
    expect(confusionGrid(undefined)).toBeNull();
  });

  it('says what a model has not learnt: some values of a trait, or the whole trait', () => {
    expect(unlearntLines({ answers: ['is_cat', 'colour'], unlearnt: { colour: ['lilac', 'cinnamon', 'fawn'], pattern: ['self', 'bicolour', 'van'] } })).toEqual([
      { trait: 'colour', text: 'lilac, cinnamon, fawn' },
      { trait: 'pattern', text: 'not trained at all' },
      { trait: 'is_tabby', text: 'not trained at all' },
      { trait: 'is_pointed', text: 'not trained at all' },
    ]);
    const yesNo = ['is_cat', 'is_tabby', 'is_pointed'] as const;
    expect(unlearntLines({ answers: ['colour', 'pattern', ...yesNo], unlearnt: { colour: [], pattern: ['van'] } })).toEqual([{ trait: 'pattern', text: 'van' }]);
    expect(unlearntLines({ answers: ['colour', 'pattern', ...yesNo], unlearnt: { colour: [], pattern: [] } })).toEqual([]);
    expect(unlearntLines({ answers: null, unlearnt: null })).toEqual([]);
  });

  const model = (over: Partial<ModelDetail>): ModelDetail =>
    ({ id: 'm', name: 'M', metrics: {}, answers: ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'], unlearnt: null, ...over }) as ModelDetail;

  it('warns before activating a model without the is-cat check, with fewer traits, or barely tested', () => {
    const starter = model({ id: 's', name: 'Starter', answers: ['is_cat', 'colour', 'is_tabby', 'is_pointed'], metrics: { colour: { n: 200 } } });
    const colourOnly = model({ id: 'c', name: 'Colour only', answers: ['colour', 'is_tabby'], metrics: { colour: { n: 3 }, is_tabby: { n: 0 } } });
    expect(activationWarnings(colourOnly, starter)).toEqual([
      'It does not check whether a photo shows a cat: every photo, a dog’s too, will get a coat result.',
      'It does not answer Colourpoint, which “Starter” answers: that trait will read “not sure”.',
      'Its test metrics come from as few as 3 photos per trait, so they say little about how it will do.',
    ]);
    expect(activationWarnings(starter, colourOnly)).toEqual([]);
    expect(activationWarnings(model({ answers: ['is_cat', 'colour'] }), starter)[0]).toBe(
      'It does not answer Tabby and Colourpoint, which “Starter” answers: those traits will read “not sure”.',
    );
    expect(activationWarnings(model({ answers: null }), starter)).toEqual([]); // file unreadable: nothing to say
  });

  it('warns when the model scores lower than the active one on a trait both answer (balanced accuracy, else accuracy)', () => {
    const active = model({ id: 'a', name: 'Active', metrics: { is_cat: { n: 200, balancedAccuracy: 0.926 }, colour: { n: 200, accuracy: 1 }, is_tabby: { n: 200, balancedAccuracy: 0.8 } } });
    const candidate = model({ id: 'c', name: 'New', metrics: { is_cat: { n: 200, balancedAccuracy: 0.833 }, colour: { n: 200, accuracy: 0.667 }, is_tabby: { n: 200, balancedAccuracy: 0.805 } } });
    expect(activationWarnings(candidate, active)).toEqual([
      'It scores lower than “Active” on Is a cat (83.3 % against 92.6 %) and Colour (66.7 % against 100.0 %) (balanced accuracy on each model\'s own test photos).',
    ]);
    // the other way round: Tabby is only 0.5 points lower, within a point, not worth a warning
    expect(activationWarnings(active, candidate)).toEqual([]);
  });

  it("says the starter's metrics are cross-validated on its own photos and a trained model's come from its test split", () => {
    const starter = metricsSource({ isStarter: true, datasetSummary: { samples: 1234 } });
    expect(starter.heading).toBe('Cross-validated metrics per trait');
    expect(starter.meanLabel).toBe('Cross-validated accuracy over all answers');
    expect(starter.note).toContain('5-fold cross-validation on the 1,234 Oxford-IIIT Pet photos');
    const trained = metricsSource({ isStarter: false, datasetSummary: { total: 500, test: 75 } });
    expect(trained.heading).toBe('Test metrics per trait');
    expect(trained.note).toBe('Measured on the 75 test photos set aside before training: the model never saw them.');
    expect(metricsSource({ isStarter: false, datasetSummary: {} }).note).toContain('Measured on test photos set aside');
  });

  it('says how many test photos a thinly answered accuracy rests on, and does not compare on them', () => {
    expect(answeredNote({ n: 6, accuracy: 1, abstentionRate: 0.833 })).toBe('1 of 6 answered');
    expect(answeredNote({ n: 200, accuracy: 0.9, abstentionRate: 0.05 })).toBeNull();
    expect(answeredNote({ n: 200, accuracy: 0.9, abstentionRate: 0.4 })).toBe('120 of 200 answered');
    expect(answeredNote({ accuracy: 0.9 })).toBeNull();
    // the active model answered 1 of 7 tabby photos: its 100 % is no reason to call the candidate worse
    const active = model({ id: 'a', name: 'Run 1', metrics: { is_tabby: { n: 7, balancedAccuracy: 1, abstentionRate: 0.857 } } });
    const starter = model({ id: 's', name: 'Starter', metrics: { is_tabby: { n: 222, balancedAccuracy: 0.596, abstentionRate: 0.1 } } });
    expect(activationWarnings(starter, active)).toEqual([]);
    expect(activationWarnings(active, starter)).toEqual([
      'It answered “not sure” on most test photos for Tabby (6 of 7): its accuracy there rests on the few it answered.',
      'Its test metrics come from as few as 7 photos per trait, so they say little about how it will do.',
    ]);
  });
});

describe('comparedDelta and meanMetric', () => {
  const acc = { key: 'accuracy', format: 'percent' as const, higherIsBetter: true };
  it('gives no verdict on a change of a point or so', () => {
    expect(comparedDelta({ accuracy: 0.8, n: 100 }, { accuracy: 0.795, n: 100 }, acc)).toEqual({ text: '−0.5 pt', better: null, fewAnswers: false });
    expect(comparedDelta({ accuracy: 0.8, n: 100 }, { accuracy: 0.85, n: 100 }, acc)).toEqual({ text: '+5.0 pt', better: true, fewAnswers: false });
  });

  it('weighs each trait by the photos it answered', () => {
    expect(meanMetric({ colour: { accuracy: 1, n: 60 }, pattern: { accuracy: 0, n: 7, abstentionRate: 6 / 7 } }, 'accuracy')).toBeCloseTo(60 / 61);
    expect(meanMetric({ colour: { accuracy: 0.8 }, is_tabby: { accuracy: 0.6 } }, 'accuracy')).toBeCloseTo(0.7);
  });
});
