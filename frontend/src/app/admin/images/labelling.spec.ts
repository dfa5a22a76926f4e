import { Label, TrainingImage } from './images-api';
import { COLOURS, SHORTCUTS, count, filterFromQuery, filterToQuery, imageName, keepVisible, labelSummary, matchCount, nameParts, nothingImportedReason, patternUnknown, colourUnknown, shortcutLabel, sourceName, withLabel } from './labelling';

const unlabelled: Label = { is_cat: null, colour: null, pattern: null, is_tabby: null, is_pointed: null };

describe('shortcutLabel', () => {
  it('maps 1…9 and 0 to the ten colours in vocabulary order', () => {
    expect([...'1234567890'].map((k) => shortcutLabel(k)?.colour)).toEqual([...COLOURS]);
    expect(shortcutLabel('2')).toEqual({ colour: 'blue' });
    expect(shortcutLabel('0')).toEqual({ colour: 'other' });
  });

  it('maps s / b / v to the patterns and c / n to cat / not a cat', () => {
    expect(shortcutLabel('s')).toEqual({ pattern: 'self' });
    expect(shortcutLabel('b')).toEqual({ pattern: 'bicolour' });
    expect(shortcutLabel('v')).toEqual({ pattern: 'van' });
    expect(shortcutLabel('c')).toEqual({ is_cat: true });
    expect(shortcutLabel('n')).toEqual({ is_cat: false });
  });

  it('t and p toggle tabby / colourpoint from the current label (unknown counts as off)', () => {
    expect(shortcutLabel('t', unlabelled)).toEqual({ is_tabby: true });
    expect(shortcutLabel('t', { ...unlabelled, is_tabby: true })).toEqual({ is_tabby: false });
    expect(shortcutLabel('t', { ...unlabelled, is_tabby: false })).toEqual({ is_tabby: true });
    expect(shortcutLabel('p', { ...unlabelled, is_pointed: true })).toEqual({ is_pointed: false });
    expect(shortcutLabel('p')).toEqual({ is_pointed: true });
  });

  it('is null for keys that are not labelling shortcuts (navigation, other letters, upper case)', () => {
    for (const key of ['j', 'k', 'x', 'l', 'Enter', 'Escape', '?', 'a', 'S', 'B', ' ', 'F1']) expect(shortcutLabel(key)).toBeNull();
  });

  it('every labelling key is documented in the help overlay', () => {
    const help = SHORTCUTS.map((s) => s.keys).join(' ');
    for (const key of ['1', '9', '0', 's', 'b', 'v', 't', 'p', 'c', 'n']) expect(help).toContain(key);
  });
});

describe('labelSummary', () => {
  it('reads as the notice after labelling', () => {
    expect(labelSummary({ is_cat: true, colour: 'blue' })).toBe('cat yes, colour blue');
    expect(labelSummary({ is_tabby: false, pattern: null })).toBe('tabby no, pattern unknown');
    expect(labelSummary({ is_pointed: false })).toBe('colourpoint no');
  });
});

describe('count / matchCount', () => {
  it('pluralise the noun and the verb', () => {
    expect(count(1, 'image')).toBe('1 image');
    expect(count(0, 'image')).toBe('0 images');
    expect(count(3, 'duplicate')).toBe('3 duplicates');
    expect(matchCount(1)).toBe('1 image matches');
    expect(matchCount(0)).toBe('0 images match');
    expect(matchCount(37)).toBe('37 images match');
  });
});

describe('keepVisible', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('drops selected ids that are no longer on screen', () => {
    expect([...keepVisible(new Set(['a', 'x', 'c', 'y']), rows)]).toEqual(['a', 'c']);
    expect(keepVisible(new Set(['x']), []).size).toBe(0);
  });

  it('returns the same set when every selected row is still shown', () => {
    const selected = new Set(['b', 'c']);
    expect(keepVisible(selected, rows)).toBe(selected);
  });
});

describe('withLabel', () => {
  const row = { id: 'a', label: unlabelled, isLabelled: false } as TrainingImage;

  it('sets the traits of the patch and marks the row labelled', () => {
    const next = withLabel(row, { is_cat: true });
    expect(next.label).toEqual({ ...unlabelled, is_cat: true });
    expect(next.isLabelled).toBe(true);
    expect(row.label).toEqual(unlabelled); // not mutated
  });

  it('a coat value makes the photo a cat; "not a cat" clears the coat traits (the server rules)', () => {
    expect(withLabel(row, { colour: 'blue' }).label).toEqual({ ...unlabelled, is_cat: true, colour: 'blue' });
    expect(withLabel(row, { is_tabby: false }).label.is_cat).toBe(true);
    const coat = withLabel(row, { colour: 'blue', pattern: 'self', is_tabby: true });
    expect(withLabel(coat, { is_cat: false }).label).toEqual({ ...unlabelled, is_cat: false });
    expect(withLabel(coat, { colour: null }).label).toEqual({ ...unlabelled, is_cat: true, pattern: 'self', is_tabby: true });
  });

  it('is unlabelled again once every trait is unknown', () => {
    const cat = withLabel(row, { is_cat: true });
    expect(withLabel(cat, { is_cat: null }).isLabelled).toBe(false);
  });

  it('names image sources for people, as the dashboards do', () => {
    expect(['zip', 'upload', 'web-search', 'prediction-review', 'new-kind'].map(sourceName)).toEqual([
      'ZIP import',
      'Upload',
      'Web search',
      'Prediction review',
      'new-kind',
    ]);
  });

  it('reads the table filter from a query string, ignoring unknown keys and values, and writes it back', () => {
    const f = filterFromQuery({ source: 'prediction-review', colour: 'lilac', is_tabby: 'unknown', from: '2026-11-01', pattern: 'spotty', page: '3', to: 'soon' });
    expect(f).toEqual({ source: 'prediction-review', colour: 'lilac', is_tabby: 'unknown', from: '2026-11-01' });
    expect(filterToQuery(f)).toEqual({ source: 'prediction-review', colour: 'lilac', is_tabby: 'unknown', from: '2026-11-01' });
    expect(filterFromQuery({})).toEqual({});
  });
});

describe('nameParts', () => {
  it('cuts a path or address after each run of separators, keeping every character', () => {
    expect(nameParts('images/e61474deed4c1a3c.jpg')).toEqual(['images/', 'e61474deed4c1a3c.', 'jpg']);
    expect(nameParts('https://example.org/a_b-c?x=1&y=2')).toEqual(['https://', 'example.', 'org/', 'a_', 'b-', 'c?', 'x=', '1&', 'y=', '2']);
    expect(nameParts('plain')).toEqual(['plain']);
    expect(nameParts('')).toEqual(['']);
  });
});

describe('nothingImportedReason', () => {
  it('never says every photo was a duplicate when some files were rejected', () => {
    expect(nothingImportedReason({ duplicates: 4, rejected: [1, 2] })).toBe('its photos are already in the training set, and its other files were rejected');
    expect(nothingImportedReason({ duplicates: 4, rejected: [] })).toBe('every photo in it is already in the training set');
    expect(nothingImportedReason({ duplicates: 0, rejected: [1] })).toBe('none of its files is a photo that could be read');
    expect(nothingImportedReason({ duplicates: 0, rejected: [] })).toBe('it holds no photos');
  });
});

describe('patternUnknown', () => {
  it('counts the cats of a colour that the colour × pattern table cannot show', () => {
    const balance = {
      traits: { colour: [{ value: 'red', count: 5, underRepresented: true }, { value: 'blue', count: 3, underRepresented: true }] },
      colourPattern: [
        { colour: 'red', pattern: 'self', count: 1, underRepresented: true },
        { colour: 'blue', pattern: 'self', count: 2, underRepresented: true },
        { colour: 'blue', pattern: 'van', count: 1, underRepresented: true },
      ],
    } as never;
    expect(patternUnknown(balance, 'red')).toBe(4);
    expect(patternUnknown(balance, 'blue')).toBe(0);
    expect(patternUnknown(balance, 'lilac')).toBe(0);
  });

  it('and the cats of a pattern without a colour', () => {
    const balance = {
      traits: { pattern: [{ value: 'self', count: 40, underRepresented: false }] },
      colourPattern: [{ colour: 'blue', pattern: 'self', count: 39, underRepresented: false }],
    } as never;
    expect(colourUnknown(balance, 'self')).toBe(1);
    expect(colourUnknown(balance, 'van')).toBe(0);
  });
});

describe('imageName', () => {
  const base = { id: 'abc', originalName: null, web: null, source: 'prediction-review', createdAt: '2026-11-26T20:52:00.000Z' } as const;
  it('names a photo added from a prediction by when it came, not by its id', () => {
    expect(imageName(base)).toMatch(/^breeder photo, 26 Nov 2026,? \d\d:52$/);
    expect(imageName({ ...base, originalName: 'tom.jpg' })).toBe('tom.jpg');
    expect(imageName({ ...base, source: 'web-search', web: { url: 'https://x.org/a.jpg' } as never })).toBe('https://x.org/a.jpg');
    expect(imageName({ ...base, source: 'upload' })).toBe('abc');
  });
});
