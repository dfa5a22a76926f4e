import { Balance, ImageFilter, Label, TrainingImage, TraitKey } from './images-api';

export const COLOURS = ['black', 'blue', 'chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'] as const;
export const PATTERNS = ['self', 'bicolour', 'van'] as const;

/** What a person calls each trait (column headers, dialog fields, balance headings). */
/** How each image source reads to a person, as on the dashboards (the API's names stay in the URL and the API). */
export const SOURCE_NAMES: Record<string, string> = {
  zip: 'ZIP import',
  upload: 'Upload',
  'web-search': 'Web search',
  'prediction-review': 'Prediction review',
};

export function sourceName(source: string): string {
  return SOURCE_NAMES[source] ?? source;
}

export const TRAIT_TITLES: Record<TraitKey, string> = {
  is_cat: 'Cat',
  colour: 'Colour',
  pattern: 'Pattern',
  is_tabby: 'Tabby',
  is_pointed: 'Colourpoint',
};

/** Keyboard shortcuts of the labelling table (documented in the `?` overlay). */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'j / k', action: 'Move the focus row down / up (anywhere but a text field)' },
  { keys: '↓ / ↑', action: 'Move the focus row, from the table or with nothing focused (elsewhere they scroll the page)' },
  { keys: '← / → / ↑ / ↓', action: 'On a row’s closed trait menu: the previous / next trait, the row above / below (never a new value: Enter, Space or Alt+↓ opens the menu)' },
  { keys: 'x', action: 'Select / unselect the focus row' },
  { keys: 'Enter', action: 'Open a larger preview' },
  { keys: '1 … 9, 0', action: 'Colour: black, blue, chocolate, lilac, cinnamon, fawn, red, cream, white, other' },
  { keys: 's / b / v', action: 'Pattern: self / bicolour / van' },
  { keys: 't / p', action: 'Toggle tabby / colourpoint' },
  { keys: 'c / n', action: 'Is a cat / not a cat' },
  { keys: 'l', action: 'Open the bulk label panel for the selection' },
  { keys: 'Esc', action: 'Close a panel, else clear the selection' },
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

/** Short trait names for a one-line summary, e.g. "cat yes, colourpoint no". */
const SUMMARY_NAMES: Partial<Record<TraitKey, string>> = { is_cat: 'cat', is_tabby: 'tabby', is_pointed: 'colourpoint' };

export function labelSummary(label: Partial<Label>): string {
  return (Object.entries(label) as [TraitKey, unknown][])
    .map(([k, v]) => `${SUMMARY_NAMES[k] ?? k} ${v === null ? 'unknown' : v === true ? 'yes' : v === false ? 'no' : v}`)
    .join(', ');
}

/** "1 image", "3 images", "0 images". */
export function count(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/**
 * A file name or web address cut after its separators (/ _ - . ? & =), so a narrow column wraps it between
 * words ("images/" + "e614….jpg") and only splits a part that is itself too long.
 */
export function nameParts(name: string): string[] {
  const parts = name.match(/[^/_\-.?&=]*(?:[/_\-.?&=]+|$)/g)?.filter((p) => p.length > 0) ?? [];
  return parts.length ? parts : [name];
}

/**
 * How an image is named in the table: its file name, else its web address, else (a breeder's photo added from the
 * predictions review) "breeder photo, 26 Nov 2026 20:52" rather than a database id.
 */
export function imageName(image: Pick<TrainingImage, 'id' | 'originalName' | 'web' | 'source' | 'createdAt'>): string {
  if (image.originalName) return image.originalName;
  if (image.web?.url) return image.web.url;
  if (image.source === 'prediction-review') {
    const when = new Date(image.createdAt);
    if (!Number.isNaN(when.getTime())) {
      return `breeder photo, ${when.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })}`;
    }
    return 'breeder photo';
  }
  return image.id;
}

/**
 * Cats of a colour whose pattern is not labelled: the colour's count less its row of the colour × pattern table
 * (without this column, "red 5" in the colour list reads as 0 / 0 / 0 in the table).
 */
export function patternUnknown(b: Balance, colour: string): number {
  const total = b.traits.colour.find((c) => c.value === colour)?.count ?? 0;
  const inTable = b.colourPattern.filter((c) => c.colour === colour).reduce((a, c) => a + c.count, 0);
  return Math.max(0, total - inTable);
}

/** Cats of a pattern whose colour is not labelled: the pattern's count less its column of the table. */
export function colourUnknown(b: Balance, pattern: string): number {
  const total = b.traits.pattern.find((c) => c.value === pattern)?.count ?? 0;
  const inTable = b.colourPattern.filter((c) => c.pattern === pattern).reduce((a, c) => a + c.count, 0);
  return Math.max(0, total - inTable);
}

/** Why an import added nothing, in one clause (its counts follow it in brackets). */
export function nothingImportedReason(r: { duplicates: number; rejected: readonly unknown[] }): string {
  if (r.duplicates && r.rejected.length) return 'its photos are already in the training set, and its other files were rejected';
  if (r.duplicates) return 'every photo in it is already in the training set';
  if (r.rejected.length) return 'none of its files is a photo that could be read';
  return 'it holds no photos';
}

/** The table's total: "1 image matches", "3 images match". */
export function matchCount(n: number): string {
  return `${count(n, 'image')} ${n === 1 ? 'matches' : 'match'}`;
}

/**
 * The selection that survives a reload of the rows: only ids still on screen (a bulk label can move rows out of
 * the filter, a sort or an import can move them to another page), so Delete and Label never reach a row the user
 * cannot see. Returns the same set when nothing was dropped.
 */
export function keepVisible(selected: ReadonlySet<string>, rows: readonly { id: string }[]): ReadonlySet<string> {
  const onScreen = new Set(rows.map((r) => r.id));
  const kept = [...selected].filter((id) => onScreen.has(id));
  return kept.length === selected.size ? selected : new Set(kept);
}

const COAT_TRAITS: readonly TraitKey[] = ['colour', 'pattern', 'is_tabby', 'is_pointed'];

/**
 * A row after the server applied a label patch to it, by the server's rules (backend label-update.ts): "not a cat"
 * clears the coat traits, a coat value without is_cat makes the photo a cat, and an image is labelled while any
 * trait is known. Lets an inline edit update its row in place instead of reloading the page.
 */
export function withLabel(image: TrainingImage, patch: Partial<Label>): TrainingImage {
  const label: Label = { ...image.label, ...patch };
  if (patch.is_cat === false) for (const t of COAT_TRAITS) label[t] = null;
  else if (patch.is_cat === undefined && COAT_TRAITS.some((t) => patch[t] !== undefined && patch[t] !== null)) label.is_cat = true;
  const isLabelled = Object.values(label).some((v) => v !== null && v !== undefined);
  return { ...image, label: label as TrainingImage['label'], isLabelled };
}

/** The filter keys and the values each may take in the URL (anything else in the query string is ignored). */
const FILTER_VALUES: Record<string, readonly string[] | 'date'> = {
  labelled: ['true', 'false'],
  source: ['zip', 'upload', 'web-search', 'prediction-review'],
  is_cat: ['true', 'false', 'unknown'],
  colour: [...COLOURS, 'unknown'],
  pattern: [...PATTERNS, 'unknown'],
  is_tabby: ['true', 'false', 'unknown'],
  is_pointed: ['true', 'false', 'unknown'],
  from: 'date',
  to: 'date',
};

/** The table's filter from the page's query string (a shared link, a reload, or a link from another page). */
export function filterFromQuery(params: Readonly<Record<string, string | null | undefined>>): ImageFilter {
  const out: Record<string, string> = {};
  for (const [key, allowed] of Object.entries(FILTER_VALUES)) {
    const v = params[key];
    if (typeof v !== 'string' || v === '') continue;
    if (allowed === 'date' ? /^\d{4}-\d{2}-\d{2}$/.test(v) : allowed.includes(v)) out[key] = v;
  }
  return out as ImageFilter;
}

/** The query string that reproduces `filter` (only the keys that are set). */
export function filterToQuery(filter: ImageFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([k, v]) => k in FILTER_VALUES && typeof v === 'string' && v !== '')) as Record<string, string>;
}
