/**
 * Multi-select over a grid of results: click toggles one, shift+click selects the range from the last
 * clicked item (the anchor) to this one, "select all" adds every selectable item on the page.
 * Pure, so the rules are unit-tested without a browser.
 */
export interface Selectable {
  id: string;
  /** Items already imported cannot be selected. */
  disabled?: boolean;
}

export interface SelectionState {
  selected: ReadonlySet<string>;
  anchor: string | null;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), anchor: null };

export function toggleItem(state: SelectionState, items: readonly Selectable[], id: string, shift: boolean): SelectionState {
  const target = items.find((i) => i.id === id);
  if (!target || target.disabled) return state;
  const next = new Set(state.selected);
  const anchorIndex = state.anchor ? items.findIndex((i) => i.id === state.anchor) : -1;
  if (shift && anchorIndex >= 0) {
    const index = items.findIndex((i) => i.id === id);
    const [from, to] = anchorIndex < index ? [anchorIndex, index] : [index, anchorIndex];
    // The range takes the state of the anchor: selecting extends a selection, deselecting clears a range.
    const select = state.selected.has(state.anchor!) || !state.selected.size;
    for (const item of items.slice(from, to + 1)) {
      if (item.disabled) continue;
      if (select) next.add(item.id);
      else next.delete(item.id);
    }
    return { selected: next, anchor: id };
  }
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return { selected: next, anchor: id };
}

export function selectAll(state: SelectionState, items: readonly Selectable[]): SelectionState {
  const next = new Set(state.selected);
  for (const item of items) if (!item.disabled) next.add(item.id);
  return { selected: next, anchor: state.anchor };
}

export function clearSelection(): SelectionState {
  return { selected: new Set(), anchor: null };
}
