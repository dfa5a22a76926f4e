/**
 * The one vocabulary of coat traits: values, display names, EMS codes and the pure rules on labels.
 * Served to the frontend by GET /api/vocabulary (vocabularyDto) so both sides agree on every value.
 */
import { LabelError } from './errors';

export type TraitName = 'is_cat' | 'colour' | 'pattern' | 'is_tabby' | 'is_pointed';
export const TRAIT_NAMES: readonly TraitName[] = ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'] as const;
export const COAT_TRAITS: readonly TraitName[] = ['colour', 'pattern', 'is_tabby', 'is_pointed'] as const;

export const COLOURS = ['black', 'blue', 'chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'] as const;
export const PATTERNS = ['self', 'bicolour', 'van'] as const;
export type Colour = (typeof COLOURS)[number];
export type Pattern = (typeof PATTERNS)[number];

export interface PhenotypeLabel {
  is_cat: boolean | null;
  colour: Colour | null;
  pattern: Pattern | null;
  is_tabby: boolean | null;
  is_pointed: boolean | null;
}

export const EMPTY_LABEL: PhenotypeLabel = Object.freeze({
  is_cat: null,
  colour: null,
  pattern: null,
  is_tabby: null,
  is_pointed: null,
}) as PhenotypeLabel;

/** The values a trait can take, in a fixed order (class index = position). */
export function traitValues(trait: TraitName): readonly (string | boolean)[] {
  switch (trait) {
    case 'colour':
      return COLOURS;
    case 'pattern':
      return PATTERNS;
    default:
      return [false, true];
  }
}

export function isBooleanTrait(trait: TraitName): boolean {
  return trait === 'is_cat' || trait === 'is_tabby' || trait === 'is_pointed';
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'f']);

function normaliseBoolean(field: TraitName, v: unknown): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === '') return null;
    if (TRUE_WORDS.has(s)) return true;
    if (FALSE_WORDS.has(s)) return false;
  }
  throw new LabelError(field, `${field} must be true, false or empty (unknown), got ${JSON.stringify(v)}`);
}

const COLOUR_ALIASES: Record<string, Colour> = { grey: 'blue', gray: 'blue', ginger: 'red', orange: 'red', tortie: 'other', calico: 'other' };

function normaliseEnum<T extends string>(field: TraitName, v: unknown, values: readonly T[], aliases: Record<string, T> = {}): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === '') return null;
    if ((values as readonly string[]).includes(s)) return s as T;
    if (Object.prototype.hasOwnProperty.call(aliases, s)) return aliases[s];
  }
  throw new LabelError(field, `${field} must be one of ${values.join(', ')} or empty (unknown), got ${JSON.stringify(v)}`);
}

/** Clears the coat traits of a non-cat: they are not applicable. */
function applyRules(l: PhenotypeLabel): PhenotypeLabel {
  if (l.is_cat === false) return { ...EMPTY_LABEL, is_cat: false };
  // only cats have a coat: a coat trait with a value makes an unknown is_cat true (as the bulk label does)
  if (l.is_cat === null && COAT_TRAITS.some((t) => l[t] !== null)) return { ...l, is_cat: true };
  return l;
}

/**
 * Turns loose input (CSV cells, JSON from the API) into a PhenotypeLabel.
 * Empty string / null / undefined = unknown. Throws LabelError naming the bad field and value.
 * Unknown keys are rejected too, so a typo ("color") is not silently dropped.
 */
export function normaliseLabel(partial: Partial<Record<TraitName, unknown>>): PhenotypeLabel {
  if (partial === null || typeof partial !== 'object') throw new LabelError('label', 'label must be an object');
  for (const key of Object.keys(partial)) {
    if (!(TRAIT_NAMES as readonly string[]).includes(key)) {
      throw new LabelError(key, `unknown trait "${key}"; traits are ${TRAIT_NAMES.join(', ')}`);
    }
  }
  return applyRules({
    is_cat: normaliseBoolean('is_cat', partial.is_cat),
    colour: normaliseEnum('colour', partial.colour, COLOURS, COLOUR_ALIASES),
    pattern: normaliseEnum('pattern', partial.pattern, PATTERNS),
    is_tabby: normaliseBoolean('is_tabby', partial.is_tabby),
    is_pointed: normaliseBoolean('is_pointed', partial.is_pointed),
  });
}

/**
 * Applies a patch to a label. Keys present in the patch (even null = "unknown") replace the base value.
 * Setting is_cat=false clears the coat traits; setting a coat trait on a label whose is_cat is false
 * (without touching is_cat in the same patch) makes it a cat, since only cats have a coat.
 */
export function mergeLabel(base: PhenotypeLabel, patch: Partial<PhenotypeLabel>): PhenotypeLabel {
  const entries = Object.entries(patch ?? {}).filter(([, v]) => v !== undefined);
  const p = Object.fromEntries(entries) as Partial<Record<TraitName, unknown>>;
  const merged: Partial<Record<TraitName, unknown>> = { ...base, ...p };
  const setsCoat = COAT_TRAITS.some((t) => p[t] !== undefined && p[t] !== null && p[t] !== '');
  if (setsCoat && normaliseBoolean('is_cat', p.is_cat) === false) {
    throw new LabelError('is_cat', 'coat traits cannot be set on an image labelled as not a cat');
  }
  if (setsCoat && p.is_cat === undefined && base.is_cat === false) merged.is_cat = true;
  return normaliseLabel(merged);
}

export function isLabelled(label: PhenotypeLabel): boolean {
  return TRAIT_NAMES.some((t) => label[t] !== null && label[t] !== undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Breeder terms: EMS codes written WCF style (breed code BSH; FIFe writes the British Shorthair as BRI)

export const EMS_COLOUR_LETTERS: Record<Exclude<Colour, 'other'>, string> = {
  black: 'n',
  blue: 'a',
  chocolate: 'b',
  lilac: 'c',
  cinnamon: 'o',
  fawn: 'p',
  red: 'd',
  cream: 'e',
  white: 'w',
};
export const EMS_PATTERN_NUMBERS = { van: '01', bicolour: '03', tabby: '21', colourpoint: '33' } as const;

export interface CoatPhenotype {
  colour: Colour | null;
  pattern: Pattern | null;
  is_tabby: boolean | null;
  is_pointed: boolean | null;
}

/**
 * EMS-style code, e.g. 'BSH a 03' (blue bicolour), 'BSH n 21 33' (seal tabby colourpoint), 'BSH w' (white).
 * Needs a single known colour; unknown pattern/tabby/pointed are treated as "not present" (self, no tabby,
 * not pointed) because EMS codes only list what is there. Returns null when the colour is unknown or mixed.
 */
export function breederCode(p: CoatPhenotype, breed = 'BSH'): string | null {
  if (!p.colour || p.colour === 'other') return null;
  const parts = [breed, EMS_COLOUR_LETTERS[p.colour]];
  if (p.colour === 'white') return parts.join(' ');
  if (p.pattern === 'van') parts.push(EMS_PATTERN_NUMBERS.van);
  if (p.pattern === 'bicolour') parts.push(EMS_PATTERN_NUMBERS.bicolour);
  if (p.is_tabby) parts.push(EMS_PATTERN_NUMBERS.tabby);
  if (p.is_pointed) parts.push(EMS_PATTERN_NUMBERS.colourpoint);
  return parts.join(' ');
}

const COLOUR_NAMES: Record<Colour, string> = {
  black: 'Black',
  blue: 'Blue',
  chocolate: 'Chocolate',
  lilac: 'Lilac',
  cinnamon: 'Cinnamon',
  fawn: 'Fawn',
  red: 'Red',
  cream: 'Cream',
  white: 'White',
  other: 'Tortie or mixed colour',
};
/** Breeders call black points "seal"; a black tabby is "black" in EMS (n 2x) and "brown" at the GCCF. */
const POINT_COLOUR_NAMES: Partial<Record<Colour, string>> = { black: 'Seal' };
const TABBY_COLOUR_NAMES: Partial<Record<Colour, string>> = { black: 'Black (brown)' };

/**
 * Name breeders use, e.g. 'Blue bicolour', 'Seal tabby colourpoint', 'Black (brown) tabby', 'Seal colourpoint and
 * white', 'Tortie and white (or mixed colour)', 'White'. Null without a colour.
 */
export function breederName(p: CoatPhenotype): string | null {
  if (!p.colour) return null;
  if (p.colour === 'white') return 'White';
  const colour =
    p.colour === 'other' ? 'Tortie' : p.is_pointed ? (POINT_COLOUR_NAMES[p.colour] ?? COLOUR_NAMES[p.colour]) : p.is_tabby ? (TABBY_COLOUR_NAMES[p.colour] ?? COLOUR_NAMES[p.colour]) : COLOUR_NAMES[p.colour];
  const words: string[] = [colour];
  if (p.is_tabby) words.push('tabby');
  // colourpoints and torties with white are "… and white"; other coats with white are bicolours
  const withWhite = p.is_pointed || p.colour === 'other';
  if (p.pattern === 'bicolour' && !withWhite) words.push('bicolour');
  if (p.pattern === 'van') words.push('van');
  if (p.is_pointed) words.push('colourpoint');
  if (p.pattern === 'bicolour' && withWhite) words.push('and white');
  if (p.colour === 'other') words.push('(or mixed colour)');
  return words.join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// DTO for the frontend

export interface VocabularyValueDto {
  value: string | boolean;
  displayName: string;
  ems: string | null;
  explanation: string;
  swatch: string | null;
}
export interface VocabularyTraitDto {
  name: TraitName;
  displayName: string;
  kind: 'boolean' | 'enum';
  explanation: string;
  values: VocabularyValueDto[];
}
export interface VocabularyDto {
  traits: VocabularyTraitDto[];
  breed: string;
  emsExplanation: string;
}

const COLOUR_INFO: Record<Colour, { explanation: string; swatch: string }> = {
  black: { explanation: 'Dense jet black to the roots (EMS n); called seal in colourpoints.', swatch: '#1b1b1b' },
  blue: { explanation: 'Dilute of black: even blue-grey, the classic British Blue (EMS a).', swatch: '#7d8a99' },
  chocolate: { explanation: 'Warm dark brown (EMS b).', swatch: '#5a3a22' },
  lilac: { explanation: 'Dilute of chocolate: pinkish dove grey (EMS c).', swatch: '#b5a3a8' },
  cinnamon: { explanation: 'Light warm reddish brown (EMS o).', swatch: '#8b5a2b' },
  fawn: { explanation: 'Dilute of cinnamon: pale warm beige-grey (EMS p).', swatch: '#c8ad95' },
  red: { explanation: 'Orange-red, usually with tabby markings (EMS d).', swatch: '#c8642a' },
  cream: { explanation: 'Dilute of red: pale buff (EMS e).', swatch: '#e8cfa4' },
  white: { explanation: 'Pure white all over, no markings (EMS w). Eye colour (61 blue, 62 orange, 63 odd-eyed) is not assessed.', swatch: '#f7f7f5' },
  other: { explanation: 'Tortoiseshell (tortie), tortie and white, or another mix of colours: there is no single EMS colour letter for it here, so no code.', swatch: null as unknown as string },
};

const PATTERN_INFO: Record<Pattern, { displayName: string; ems: string | null; explanation: string }> = {
  self: { displayName: 'No white', ems: null, explanation: 'No white anywhere: a self (one colour) or tabby coat without white, so no 0x number in the code.' },
  bicolour: { displayName: 'Bicolour', ems: '03', explanation: 'Colour with white: roughly a third to a half of the coat white (EMS 03).' },
  van: { displayName: 'Van', ems: '01', explanation: 'Mostly white with colour only on the head and tail (EMS 01).' },
};

export function vocabularyDto(): VocabularyDto {
  const yesNo = (yes: string, no: string, emsYes: string | null): VocabularyValueDto[] => [
    { value: true, displayName: 'Yes', ems: emsYes, explanation: yes, swatch: null },
    { value: false, displayName: 'No', ems: null, explanation: no, swatch: null },
  ];
  return {
    breed: 'BSH',
    emsExplanation:
      'EMS code (WCF style; FIFe writes the breed as BRI) = breed, colour letter (n black, a blue, b chocolate, c lilac, ' +
      'o cinnamon, p fawn, d red, e cream, w white), then numbers in rising order: white (01 van, 03 bicolour), 21 tabby, ' +
      '33 colourpoint; e.g. "BSH a 03" = blue bicolour. Not told apart yet: harlequin (02), a little white (09), the tabby ' +
      'pattern (22 blotched, 23 mackerel, 24 spotted, 25 ticked) and eye colour (61–63).',
    traits: [
      {
        name: 'is_cat',
        displayName: 'Is a cat',
        kind: 'boolean',
        explanation: 'Whether the photo shows a domestic cat. When not, the coat traits do not apply.',
        values: yesNo('A domestic cat is visible.', 'No domestic cat in the photo.', null),
      },
      {
        name: 'colour',
        displayName: 'Colour',
        kind: 'enum',
        explanation: 'The base coat colour.',
        values: COLOURS.map((c) => ({
          value: c,
          displayName: COLOUR_NAMES[c],
          ems: c === 'other' ? null : EMS_COLOUR_LETTERS[c],
          explanation: COLOUR_INFO[c].explanation,
          swatch: COLOUR_INFO[c].swatch ?? null,
        })),
      },
      {
        name: 'pattern',
        displayName: 'White pattern',
        kind: 'enum',
        explanation: 'How much white there is.',
        values: PATTERNS.map((p) => ({ value: p, displayName: PATTERN_INFO[p].displayName, ems: PATTERN_INFO[p].ems, explanation: PATTERN_INFO[p].explanation, swatch: null })),
      },
      {
        name: 'is_tabby',
        displayName: 'Tabby',
        kind: 'boolean',
        explanation: 'Tabby markings: stripes, blotches, spots or ticking, and an "M" on the forehead.',
        values: yesNo('Tabby markings are visible. The code gives 21 (tabby, pattern not told apart: 22–25).', 'No tabby markings.', EMS_PATTERN_NUMBERS.tabby),
      },
      {
        name: 'is_pointed',
        displayName: 'Colourpoint',
        kind: 'boolean',
        explanation: 'Pale body with darker face, ears, legs and tail, blue eyes.',
        values: yesNo('Colourpoint (EMS 33).', 'Not a colourpoint.', EMS_PATTERN_NUMBERS.colourpoint),
      },
    ],
  };
}
