import { readLabelSupplement, fillUnknown } from './dataset';
import { starterLabelsPath } from './artefact';
import { EMPTY_LABEL } from './vocabulary';

describe('label supplements', () => {
  it('fills only the traits a folder leaves unknown, never overriding one', () => {
    const breedOnly = { ...EMPTY_LABEL, is_cat: true };
    expect(fillUnknown(breedOnly, { is_cat: true, colour: 'blue', pattern: 'self', is_tabby: false, is_pointed: false })).toEqual({
      is_cat: true,
      colour: 'blue',
      pattern: 'self',
      is_tabby: false,
      is_pointed: false,
    });
    const known = { is_cat: true, colour: 'black' as const, pattern: null, is_tabby: null, is_pointed: null };
    expect(fillUnknown(known, { ...EMPTY_LABEL, colour: 'blue' }).colour).toBe('black');
  });

  it("reads the starter's supplement: the six British Shorthairs, one with its colour left unknown", () => {
    const rows = readLabelSupplement(starterLabelsPath());
    expect(rows.size).toBe(6);
    expect([...rows.keys()].every((f) => f.startsWith('images/British_Shorthair_'))).toBe(true);
    expect([...rows.values()].filter((l) => l.colour === 'blue')).toHaveLength(5);
    expect(rows.get('images/British_Shorthair_161.jpg')).toMatchObject({ colour: null, pattern: 'self' });
  });
});
