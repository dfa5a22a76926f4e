import { NEUTRAL, balanceColours, barGroup, isPresent, seriesColours } from './chart-data';

describe('isPresent', () => {
  it('accepts finite numbers, including 0', () => {
    expect(isPresent(0)).toBe(true);
    expect(isPresent(0.75)).toBe(true);
    expect(isPresent(-1)).toBe(true);
  });

  it('rejects missing and non-finite values', () => {
    expect(isPresent(null)).toBe(false);
    expect(isPresent(undefined)).toBe(false);
    expect(isPresent(Number.NaN)).toBe(false);
    expect(isPresent(Number.POSITIVE_INFINITY)).toBe(false);
  });
});

describe('barGroup', () => {
  it('keeps every measured value, a real 0 included', () => {
    expect(barGroup('run 2', [{ name: 'Accuracy', value: 0.75 }, { name: 'Loss', value: 0 }])).toEqual({
      name: 'run 2',
      series: [{ name: 'Accuracy', value: 0.75 }, { name: 'Loss', value: 0 }],
    });
  });

  it('leaves a missing value out instead of drawing it as 0', () => {
    const g = barGroup('run 1', [{ name: 'Accuracy', value: 0.8 }, { name: 'Loss', value: null }]);
    expect(g).toEqual({ name: 'run 1', series: [{ name: 'Accuracy', value: 0.8 }] });
  });

  it('marks a group with nothing to draw as "no data" and draws no bars', () => {
    const g = barGroup('Starter model', [{ name: 'Accuracy', value: null }, { name: 'Loss', value: undefined }]);
    expect(g.series).toEqual([]);
    expect(g.name).toBe('Starter model (no data)');
  });

  it('does not mark a group that was given no series at all', () => {
    expect(barGroup('x', [])).toEqual({ name: 'x', series: [] });
  });

  it('drops extra fields from the points', () => {
    const g = barGroup('x', [{ name: 'A', value: 1, extra: true } as { name: string; value: number }]);
    expect(g.series[0]).toEqual({ name: 'A', value: 1 });
  });
});

describe('seriesColours', () => {
  it('maps each series name to its colour in ngx-charts customColors form', () => {
    expect(seriesColours({ Accuracy: '#111111', Loss: '#222222' })).toEqual([
      { name: 'Accuracy', value: '#111111' },
      { name: 'Loss', value: '#222222' },
    ]);
  });
});

describe('balanceColours', () => {
  const swatches: Record<string, string | null> = { black: '#1b1714', blue: '#7d8b99', white: '#f7f5f2', other: null };
  const swatchOf = (v: string) => swatches[v];

  it('colours each coat-colour bar with its own swatch, whatever the order', () => {
    expect(balanceColours('colour', ['blue', 'black', 'white'], swatchOf, '#3f6ad8')).toEqual([
      { name: 'blue', value: '#7d8b99' },
      { name: 'black', value: '#1b1714' },
      { name: 'white', value: '#f7f5f2' },
    ]);
  });

  it('uses a neutral grey for values without a swatch', () => {
    expect(balanceColours('colour', ['other', 'unknown'], swatchOf, '#3f6ad8')).toEqual([
      { name: 'other', value: NEUTRAL },
      { name: 'unknown', value: NEUTRAL },
    ]);
  });

  it('uses one colour for traits that are not a coat colour', () => {
    expect(balanceColours('pattern', ['self', 'van'], swatchOf, '#3f6ad8')).toEqual([
      { name: 'self', value: '#3f6ad8' },
      { name: 'van', value: '#3f6ad8' },
    ]);
    expect(balanceColours('is_tabby', ['yes', 'no'], swatchOf, '#3f6ad8').every((c) => c.value === '#3f6ad8')).toBe(true);
  });
});
