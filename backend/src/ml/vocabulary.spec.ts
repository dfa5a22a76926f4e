import { LabelError } from './errors';
import * as fs from 'node:fs';
import { FALLBACK_VOCABULARY_FILE, vocabularyFallbackJson } from './vocabulary-fallback-file';
import { breederCode, breederName, EMPTY_LABEL, isLabelled, mergeLabel, normaliseLabel, vocabularyDto } from './vocabulary';

describe('breederCode', () => {
  const p = (colour: any, pattern: any = 'self', is_tabby: any = false, is_pointed: any = false) => ({ colour, pattern, is_tabby, is_pointed });
  it.each([
    [p('blue', 'bicolour'), 'BSH a 03'],
    [p('black'), 'BSH n'],
    [p('black', 'self', false, true), 'BSH n 33'],
    [p('blue', 'self', true, true), 'BSH a 21 33'],
    [p('red', 'van', true), 'BSH d 01 21'],
    [p('lilac', 'self'), 'BSH c'],
    [p('cinnamon', null, null, null), 'BSH o'],
    [p('fawn', 'bicolour', true), 'BSH p 03 21'],
    [p('cream', 'self', true), 'BSH e 21'],
    [p('chocolate', 'van'), 'BSH b 01'],
    [p('white', 'bicolour', true, true), 'BSH w'],
  ])('%j -> %s', (input, code) => {
    expect(breederCode(input)).toBe(code);
  });
  it('is null without a single known colour', () => {
    expect(breederCode(p(null))).toBeNull();
    expect(breederCode(p('other', 'bicolour'))).toBeNull();
  });
  it('uses the given breed', () => {
    expect(breederCode(p('blue'), 'BLH')).toBe('BLH a');
  });
});

describe('breederName', () => {
  it('names coats the way breeders do', () => {
    expect(breederName({ colour: 'blue', pattern: 'bicolour', is_tabby: false, is_pointed: false })).toBe('Blue bicolour');
    expect(breederName({ colour: 'black', pattern: 'self', is_tabby: true, is_pointed: true })).toBe('Seal tabby colourpoint');
    expect(breederName({ colour: 'red', pattern: 'self', is_tabby: true, is_pointed: false })).toBe('Red tabby');
    expect(breederName({ colour: 'white', pattern: 'van', is_tabby: true, is_pointed: false })).toBe('White');
    expect(breederName({ colour: null, pattern: 'van', is_tabby: true, is_pointed: false })).toBeNull();
  });

  it('says "black (brown) tabby" (EMS n 2x, GCCF brown tabby) and "seal" for black points', () => {
    expect(breederName({ colour: 'black', pattern: 'self', is_tabby: true, is_pointed: false })).toBe('Black (brown) tabby');
    expect(breederName({ colour: 'black', pattern: 'bicolour', is_tabby: false, is_pointed: false })).toBe('Black bicolour');
    expect(breederName({ colour: 'black', pattern: 'self', is_tabby: false, is_pointed: true })).toBe('Seal colourpoint');
  });

  it('calls colourpoints and torties with white "… and white", never "bicolour colourpoint"', () => {
    expect(breederName({ colour: 'black', pattern: 'bicolour', is_tabby: false, is_pointed: true })).toBe('Seal colourpoint and white');
    expect(breederName({ colour: 'blue', pattern: 'bicolour', is_tabby: true, is_pointed: true })).toBe('Blue tabby colourpoint and white');
    expect(breederName({ colour: 'other', pattern: 'bicolour', is_tabby: false, is_pointed: false })).toBe('Tortie and white (or mixed colour)');
    expect(breederName({ colour: 'other', pattern: 'self', is_tabby: null, is_pointed: null })).toBe('Tortie (or mixed colour)');
  });
});

describe('normaliseLabel', () => {
  it('reads CSV-like cells; empty means unknown', () => {
    expect(normaliseLabel({ is_cat: 'true', colour: ' Blue ', pattern: '', is_tabby: 'FALSE', is_pointed: undefined })).toEqual({
      is_cat: true,
      colour: 'blue',
      pattern: null,
      is_tabby: false,
      is_pointed: null,
    });
  });
  it('clears coat traits when is_cat is false', () => {
    expect(normaliseLabel({ is_cat: false, colour: 'blue', is_tabby: true })).toEqual({ ...EMPTY_LABEL, is_cat: false });
  });
  it('rejects values outside the vocabulary, naming the field and the value', () => {
    expect(() => normaliseLabel({ colour: 'purple' })).toThrow(LabelError);
    expect(() => normaliseLabel({ colour: 'purple' })).toThrow(/colour.*purple/);
    expect(() => normaliseLabel({ is_tabby: 'maybe' })).toThrow(/is_tabby.*maybe/);
    expect(() => normaliseLabel({ color: 'blue' } as any)).toThrow(/unknown trait "color"/);
    try {
      normaliseLabel({ pattern: 'spots' });
    } catch (e) {
      expect((e as LabelError).field).toBe('pattern');
    }
  });
  it('accepts common aliases', () => {
    expect(normaliseLabel({ colour: 'grey' }).colour).toBe('blue');
    expect(normaliseLabel({ colour: 'tortie' }).colour).toBe('other');
  });
});

describe('mergeLabel', () => {
  const base = normaliseLabel({ is_cat: true, colour: 'blue', pattern: 'self' });
  it('replaces only the keys present; null means unknown', () => {
    expect(mergeLabel(base, { pattern: 'bicolour' })).toEqual({ ...base, pattern: 'bicolour' });
    expect(mergeLabel(base, { colour: null })).toEqual({ ...base, colour: null });
  });
  it('is_cat=false clears the coat', () => {
    expect(mergeLabel(base, { is_cat: false })).toEqual({ ...EMPTY_LABEL, is_cat: false });
  });
  it('setting a coat trait on a non-cat makes it a cat', () => {
    expect(mergeLabel({ ...EMPTY_LABEL, is_cat: false }, { colour: 'red' })).toEqual({ ...EMPTY_LABEL, is_cat: true, colour: 'red' });
  });
  it('rejects contradictions and bad values', () => {
    expect(() => mergeLabel(base, { is_cat: false, colour: 'red' })).toThrow(LabelError);
    expect(() => mergeLabel(base, { colour: 'green' as any })).toThrow(/colour/);
  });
});

describe('isLabelled / vocabularyDto', () => {
  it('isLabelled is true when any trait is set', () => {
    expect(isLabelled(EMPTY_LABEL)).toBe(false);
    expect(isLabelled({ ...EMPTY_LABEL, is_tabby: false })).toBe(true);
  });
  it('lists every trait and value with EMS codes and swatches', () => {
    const dto = vocabularyDto();
    expect(dto.traits.map((t) => t.name)).toEqual(['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed']);
    const colour = dto.traits.find((t) => t.name === 'colour')!;
    expect(colour.values).toHaveLength(10);
    expect(colour.values.find((v) => v.value === 'blue')).toMatchObject({ ems: 'a', swatch: expect.stringMatching(/^#/) });
    expect(dto.traits.find((t) => t.name === 'pattern')!.values.map((v) => v.ems)).toEqual([null, '03', '01']);
  });
});

describe("the Angular app's built-in copy of the vocabulary", () => {
  it('is the server vocabulary, word for word (else run `npm run vocabulary:fallback`)', () => {
    const copy = fs.readFileSync(FALLBACK_VOCABULARY_FILE, 'utf8');
    expect(copy === vocabularyFallbackJson() ? 'up to date' : 'out of date: run `npm run vocabulary:fallback`').toBe('up to date');
  });
});
