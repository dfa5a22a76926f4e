import { Label, TraitKey } from './images-api';

export const COLOURS = ['black', 'blue', 'chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'] as const;
export const PATTERNS = ['self', 'bicolour', 'van'] as const;

/** What a person calls each trait (column headers, dialog fields, balance headings). */
export const TRAIT_TITLES: Record<TraitKey, string> = {
  is_cat: 'Cat',
  colour: 'Colour',
  pattern: 'Pattern',
  is_tabby: 'Tabby',
  is_pointed: 'Colourpoint',
};

/** Keyboard shortcuts of the labelling table (documented in the `?` overlay). */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'j / ↓, k / ↑', action: 'Move the focus row' },
  { keys: 'x', action: 'Select / unselect the focus row' },
  { keys: 'Enter', action: 'Open a larger preview' },
  { keys: '1 … 9, 0', action: 'Colour: black, blue, chocolate, lilac, cinnamon, fawn, red, cream, white, other' },
  { keys: 's / b / v', action: 'Pattern: self / bicolour / van' },
  { keys: 't / p', action: 'Toggle tabby / colourpoint' },
  { keys: 'c / n', action: 'Is a cat / not a cat' },
  { keys: 'l', action: 'Open the bulk label panel for the selection' },
  { keys: 'Esc', action: 'Close / clear the selection' },
  { keys: '?', action: 'Show / hide this help' },
];

/**
 * The label patch a key stands for (applied to the selection, or to the focus row which then moves on).
 * Null when the key is not a labelling shortcut.
 */
export function shortcutLabel(key: string, current?: Label): Partial<Label> | null {
  const digit = '1234567890'.indexOf(key);
  if (digit >= 0) return { colour: COLOURS[digit] };
  switch (key) {
    case 's':
      return { pattern: 'self' };
    case 'b':
      return { pattern: 'bicolour' };
    case 'v':
      return { pattern: 'van' };
    case 't':
      return { is_tabby: !(current?.is_tabby === true) };
    case 'p':
      return { is_pointed: !(current?.is_pointed === true) };
    case 'c':
      return { is_cat: true };
    case 'n':
      return { is_cat: false };
    default:
      return null;
  }
}

export function labelSummary(label: Partial<Label>): string {
  return (Object.entries(label) as [TraitKey, unknown][])
    .map(([k, v]) => `${k.replace('is_', '')} ${v === null ? 'unknown' : v === true ? 'yes' : v === false ? 'no' : v}`)
    .join(', ');
}
