import { estimateEtaSeconds, overallProgress } from './progress';

describe('run progress', () => {
  it('maps a fraction of a stage onto the whole run', () => {
    expect(overallProgress('snapshot', 0)).toBe(0);
    expect(overallProgress('features', 0.5)).toBe(25);
    expect(overallProgress('training', 1)).toBe(90);
    expect(overallProgress('registering', 2)).toBe(100);
    expect(overallProgress('training', Number.NaN)).toBe(45);
  });

  it('estimates the time left from the time spent, only once there is something to go on', () => {
    expect(estimateEtaSeconds(0, 1000, 50)).toBeNull();
    expect(estimateEtaSeconds(0, 60_000, 1)).toBeNull();
    expect(estimateEtaSeconds(0, 60_000, 50)).toBe(60);
    expect(estimateEtaSeconds(0, 30_000, 75)).toBe(10);
    expect(estimateEtaSeconds(0, 30_000, 100)).toBe(0);
  });
});
