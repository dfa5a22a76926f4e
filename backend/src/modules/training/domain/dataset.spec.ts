import { EMPTY_LABEL, PhenotypeLabel } from '../../../ml';
import { countPerTraitValue, relevantItems, stratifiedHoldOut } from './dataset';

const label = (p: Partial<PhenotypeLabel>): PhenotypeLabel => ({ ...EMPTY_LABEL, is_cat: true, ...p });
const items = (n: number, colour: PhenotypeLabel['colour'], prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(3, '0')}`, sha256: `${prefix}${i}`, label: label({ colour }) }));

describe('training dataset rules', () => {
  it('counts labelled values per trained trait, booleans as true/false', () => {
    const counts = countPerTraitValue([label({ colour: 'blue' }), label({ colour: 'blue', is_tabby: false }), { ...EMPTY_LABEL }], ['colour', 'is_tabby']);
    expect(counts).toEqual({ colour: { blue: 2 }, is_tabby: { false: 1 } });
  });

  it('keeps only images that say something about the traits being trained', () => {
    const all = [{ label: label({ colour: 'red' }) }, { label: { ...EMPTY_LABEL, is_tabby: true } }];
    expect(relevantItems(all, ['colour'])).toHaveLength(1);
    expect(relevantItems(all, ['colour', 'is_tabby'])).toHaveLength(2);
  });

  it('holds out about the share of every value, disjointly and reproducibly', () => {
    const data = [...items(60, 'blue', 'b'), ...items(20, 'red', 'r')];
    const a = stratifiedHoldOut(data, 0.25, 7, ['colour']);
    expect(a.kept.length + a.heldOut.length).toBe(80);
    expect(new Set([...a.kept, ...a.heldOut].map((i) => i.id)).size).toBe(80);
    const heldBlue = a.heldOut.filter((i) => i.label.colour === 'blue').length;
    const heldRed = a.heldOut.filter((i) => i.label.colour === 'red').length;
    expect(heldBlue).toBeGreaterThanOrEqual(14);
    expect(heldBlue).toBeLessThanOrEqual(16);
    expect(heldRed).toBeGreaterThanOrEqual(4);
    expect(heldRed).toBeLessThanOrEqual(6);
    const b = stratifiedHoldOut([...data].reverse(), 0.25, 7, ['colour']);
    expect(b.heldOut.map((i) => i.id).sort()).toEqual(a.heldOut.map((i) => i.id).sort());
    const c = stratifiedHoldOut(data, 0.25, 8, ['colour']);
    expect(c.heldOut.map((i) => i.id).sort()).not.toEqual(a.heldOut.map((i) => i.id).sort());
  });
});
