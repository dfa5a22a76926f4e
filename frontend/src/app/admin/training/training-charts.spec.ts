import { epochSeries, epochTraits, formatDuration, runDurationSeconds } from './training-charts';

describe('training charts', () => {
  const epochs = [
    { trait: 'colour', epoch: 1, loss: 1.2, accuracy: 0.4, valLoss: 1.3, valAccuracy: 0.35 },
    { trait: 'colour', epoch: 2, loss: 0.9, accuracy: 0.6, valLoss: null, valAccuracy: null },
    { trait: 'pattern', epoch: 1, loss: 0.7, accuracy: 0.7, valLoss: 0.8, valAccuracy: 0.6 },
  ];

  it('lists the trained traits in order', () => {
    expect(epochTraits(epochs)).toEqual(['colour', 'pattern']);
  });

  it('builds training and validation curves for one trait', () => {
    const loss = epochSeries(epochs, 'colour', 'loss');
    expect(loss[0]).toEqual({ name: 'Training loss', series: [{ name: 1, value: 1.2 }, { name: 2, value: 0.9 }] });
    expect(loss[1].series).toEqual([{ name: 1, value: 1.3 }]);
    expect(epochSeries(epochs, 'pattern', 'accuracy').map((s) => s.name)).toEqual(['Training accuracy', 'Validation accuracy']);
    expect(epochSeries([], 'colour', 'loss')).toEqual([]);
  });

  it('formats durations for people', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 2 min');
    expect(runDurationSeconds('2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z')).toBe(60);
    expect(runDurationSeconds(null, null)).toBeNull();
  });
});
