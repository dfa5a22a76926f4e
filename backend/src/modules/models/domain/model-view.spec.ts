import { headlineMetrics, toDetailView, toSummaryView, StoredModel } from './model-view';

const model = (over: Partial<StoredModel> = {}): StoredModel => ({
  _id: 'm1',
  name: 'Run 1',
  featureVersion: 'f1',
  isStarter: false,
  metrics: {
    colour: { accuracy: 0.8, balancedAccuracy: 0.7, macroF1: 0.65, confusion: [[1, 0], [0, 1]], labels: ['black', 'blue'] },
    is_cat: { accuracy: 1, ece: 0.02 },
  },
  datasetSummary: { total: 10 },
  trainingRunId: 'r1',
  startedBy: 'u1',
  startedByName: 'alice',
  trainingStartedAt: new Date('2025-01-01T00:00:00Z'),
  trainingEndedAt: new Date('2025-01-01T00:01:30Z'),
  loss: 0.4,
  accuracy: 0.8,
  createdAt: new Date('2025-01-01T00:01:31Z'),
  ...over,
});

describe('model views', () => {
  it('keeps only the scalar metrics per trait in the list view', () => {
    expect(headlineMetrics(model().metrics)).toEqual({
      colour: { accuracy: 0.8, balancedAccuracy: 0.7, macroF1: 0.65 },
      is_cat: { accuracy: 1, ece: 0.02 },
    });
    expect(headlineMetrics(null)).toEqual({});
  });

  it('marks the model the pointer names as active and computes the duration', () => {
    const v = toSummaryView(model(), 'm1');
    expect(v.isActive).toBe(true);
    expect(v.durationSeconds).toBe(90);
    expect(v.createdAt).toBe('2025-01-01T00:01:31.000Z');
    expect(toSummaryView(model(), 'other').isActive).toBe(false);
  });

  it('shows confusion matrices in the detail view and who activated the active model', () => {
    const d = toDetailView(model(), { modelId: 'm1', activatedAt: new Date('2025-01-02T00:00:00Z'), activatedBy: 'alice' });
    expect(d.metrics.colour.confusion).toEqual([[1, 0], [0, 1]]);
    expect(d.activatedBy).toBe('alice');
    const inactive = toDetailView(model(), { modelId: 'x', activatedAt: new Date(), activatedBy: 'bob' });
    expect(inactive.activatedAt).toBeNull();
  });
});
