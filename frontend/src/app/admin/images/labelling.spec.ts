import { Label } from './images-api';
import { COLOURS, SHORTCUTS, labelSummary, shortcutLabel } from './labelling';

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
  });
});
