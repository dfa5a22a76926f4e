import { confidencePercent } from './confidence-bar';

describe('confidencePercent', () => {
  it('rounds to a whole percent, clamps to 0, and never says 100 (no answer is a guarantee)', () => {
    expect(confidencePercent(0.914)).toBe(91);
    expect(confidencePercent(0.996)).toBe(99);
    expect(confidencePercent(1)).toBe(99);
    expect(confidencePercent(-0.2)).toBe(0);
    expect(confidencePercent(null)).toBe(0);
  });
});
