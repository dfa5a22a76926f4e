import { EMPTY_SELECTION, selectAll, toggleItem } from './search-selection';

const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, disabled: id === 'c' }));

describe('search selection', () => {
  it('toggles single items', () => {
    let s = toggleItem(EMPTY_SELECTION, items, 'a', false);
    expect([...s.selected]).toEqual(['a']);
    s = toggleItem(s, items, 'a', false);
    expect([...s.selected]).toEqual([]);
  });

  it('shift-click selects a range from the anchor, skipping already-imported items', () => {
    let s = toggleItem(EMPTY_SELECTION, items, 'a', false);
    s = toggleItem(s, items, 'e', true);
    expect([...s.selected].sort()).toEqual(['a', 'b', 'd', 'e']);
    expect(s.anchor).toBe('e');
  });

  it('shift-click works backwards and deselects a range when the anchor was deselected', () => {
    let s = selectAll(EMPTY_SELECTION, items);
    s = toggleItem(s, items, 'd', false); // deselect d: anchor d
    s = toggleItem(s, items, 'a', true);
    expect([...s.selected]).toEqual(['e']);
  });

  it('ignores disabled items and selects all selectable ones', () => {
    expect(toggleItem(EMPTY_SELECTION, items, 'c', false)).toBe(EMPTY_SELECTION);
    expect([...selectAll(EMPTY_SELECTION, items).selected]).toEqual(['a', 'b', 'd', 'e']);
  });
});
