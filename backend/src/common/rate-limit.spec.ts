import { FixedWindowCounter } from './rate-limit';

describe('FixedWindowCounter', () => {
  it('allows up to the limit per window, then says how long to wait', () => {
    const c = new FixedWindowCounter(60_000);
    const t0 = 1_000_000;
    expect(c.hit('a', 2, t0)).toBe(0);
    expect(c.hit('a', 2, t0 + 1)).toBe(0);
    expect(c.hit('a', 2, t0 + 1000)).toBe(59);
    expect(c.hit('b', 2, t0 + 1000)).toBe(0);
    expect(c.hit('a', 2, t0 + 60_000)).toBe(0);
  });
});
