import { confusionHeat, formatMetric, metricDelta, unlearntLines } from './model-metrics';

describe('model metrics helpers', () => {
  it('formats metrics and deltas for people', () => {
    expect(formatMetric(0.8123, 'percent')).toBe('81.2 %');
    expect(formatMetric(null, 'number')).toBe('—');
    expect(metricDelta(0.8, 0.85, 'percent', true)).toEqual({ text: '+5.0 pt', better: true });
    expect(metricDelta(0.05, 0.1, 'number', false)).toEqual({ text: '+0.050', better: false });
    expect(metricDelta(1, 1, 'number', true)).toEqual({ text: '±0', better: null });
    expect(metricDelta(undefined, 1, 'number', true).better).toBeNull();
  });

  it('turns a confusion matrix into heat-map columns, leaving out values never seen', () => {
    const heat = confusionHeat({ labels: ['black', 'blue', 'red'], matrix: [[3, 1, 0], [0, 4, 0], [0, 0, 0]] });
    expect(heat.map((c) => c.name)).toEqual(['predicted black', 'predicted blue']);
    expect(heat[1].series).toEqual([{ name: 'true black', value: 1 }, { name: 'true blue', value: 4 }]);
    expect(confusionHeat(undefined)).toEqual([]);
  });

  it('says what a model has not learnt: some values of a trait, or the whole trait', () => {
    expect(unlearntLines({ colour: ['lilac', 'cinnamon', 'fawn'], pattern: ['self', 'bicolour', 'van'] })).toEqual([
      { trait: 'colour', text: 'lilac, cinnamon, fawn' },
      { trait: 'pattern', text: 'not trained at all' },
    ]);
    expect(unlearntLines({ colour: [], pattern: ['van'] })).toEqual([{ trait: 'pattern', text: 'van' }]);
    expect(unlearntLines({ colour: [], pattern: [] })).toEqual([]);
    expect(unlearntLines(null)).toEqual([]);
  });
});
