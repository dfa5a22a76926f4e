import { EMPTY_LABEL } from '../../../ml/vocabulary';
import { MIN_PER_VALUE, summariseBalance } from './balance';

describe('summariseBalance', () => {
  it('counts per trait value and colour × pattern, flagging thin cells', () => {
    const b = summariseBalance(
      [
        { label: { ...EMPTY_LABEL, is_cat: true, colour: 'blue', pattern: 'self' }, count: 100 },
        { label: { ...EMPTY_LABEL, is_cat: true, colour: 'blue', pattern: 'bicolour' }, count: 5 },
        { label: { ...EMPTY_LABEL, is_cat: false }, count: 40 },
      ],
      7,
    );
    expect(b.labelled).toBe(145);
    expect(b.unlabelled).toBe(7);
    expect(b.traits.is_cat).toEqual([
      { value: true, count: 105, underRepresented: false },
      { value: false, count: 40, underRepresented: false },
    ]);
    expect(b.traits.colour.find((c) => c.value === 'blue')).toEqual({ value: 'blue', count: 105, underRepresented: false });
    expect(b.traits.colour.find((c) => c.value === 'lilac')?.underRepresented).toBe(true);
    expect(b.colourPattern).toHaveLength(30);
    expect(b.colourPattern.find((c) => c.colour === 'blue' && c.pattern === 'bicolour')).toEqual({ colour: 'blue', pattern: 'bicolour', count: 5, underRepresented: true });
    expect(b.colourPattern.find((c) => c.colour === 'blue' && c.pattern === 'self')?.underRepresented).toBe(false);
    expect(MIN_PER_VALUE).toBeGreaterThan(0);
  });
});
