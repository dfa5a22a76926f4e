import { Vocabulary, VocabularyTrait, VocabularyValue } from './vocabulary';

/** The literal below may leave out `ems`/`swatch` where there is none. */
type Loose = Omit<Vocabulary, 'traits'> & {
  traits: (Omit<VocabularyTrait, 'values'> & { values: (Omit<VocabularyValue, 'ems' | 'swatch'> & Partial<Pick<VocabularyValue, 'ems' | 'swatch'>>)[] })[];
};

/**
 * Built-in copy of the trait vocabulary, used only when `GET /api/vocabulary` cannot be loaded,
 * so a result page still reads in breeder terms. The server's vocabulary always wins.
 */
const LOOSE_FALLBACK: Loose = {
  breed: 'BSH',
  emsExplanation: 'EMS codes: breed, then colour letter, then pattern numbers (e.g. BSH a 03 = blue bicolour).',
  traits: [
    {
      name: 'is_cat', displayName: 'Cat in photo', kind: 'boolean',
      explanation: 'Whether the photo shows a cat at all.',
      values: [
        { value: true, displayName: 'Cat', explanation: 'A cat is visible in the photo.' },
        { value: false, displayName: 'No cat', explanation: 'The photo does not seem to show a cat.' },
      ],
    },
    {
      name: 'colour', displayName: 'Colour', kind: 'enum',
      explanation: 'The base coat colour (EMS letter code).',
      values: [
        { value: 'black', displayName: 'Black', ems: 'n', swatch: '#1b1714', explanation: 'Dense, jet black to the roots.' },
        { value: 'blue', displayName: 'Blue', ems: 'a', swatch: '#7d8b99', explanation: 'The dilute of black: the classic grey-blue British coat.' },
        { value: 'chocolate', displayName: 'Chocolate', ems: 'b', swatch: '#5a3a26', explanation: 'A warm, rich dark brown.' },
        { value: 'lilac', displayName: 'Lilac', ems: 'c', swatch: '#b3a1a6', explanation: 'The dilute of chocolate: a pinkish, dove grey.' },
        { value: 'cinnamon', displayName: 'Cinnamon', ems: 'o', swatch: '#8b5a3c', explanation: 'A light, warm reddish brown, lighter than chocolate.' },
        { value: 'fawn', displayName: 'Fawn', ems: 'p', swatch: '#c8ab98', explanation: 'The dilute of cinnamon: a soft, warm beige.' },
        { value: 'red', displayName: 'Red', ems: 'd', swatch: '#c8641e', explanation: 'A deep, warm orange-red.' },
        { value: 'cream', displayName: 'Cream', ems: 'e', swatch: '#e8c99a', explanation: 'The dilute of red: a pale, buff cream.' },
        { value: 'white', displayName: 'White', ems: 'w', swatch: '#f7f5f2', explanation: 'Pure white all over, with no other colour.' },
        { value: 'other', displayName: 'Other', explanation: 'A colour outside this list, such as tortie or smoke, or one the model cannot name.' },
      ],
    },
    {
      name: 'pattern', displayName: 'Pattern', kind: 'enum',
      explanation: 'How much white there is and where (EMS number code).',
      values: [
        { value: 'self', displayName: 'Self', explanation: 'One colour all over, with no white.' },
        { value: 'bicolour', displayName: 'Bicolour', ems: '03', explanation: 'Coloured with white: about a third to a half of the coat is white.' },
        { value: 'van', displayName: 'Van', ems: '01', explanation: 'Mostly white, with colour only on the head and tail.' },
      ],
    },
    {
      name: 'is_tabby', displayName: 'Tabby', kind: 'boolean',
      explanation: 'Whether the coat shows tabby markings (stripes, spots or blotches).',
      values: [
        { value: true, displayName: 'Tabby', ems: '2x', explanation: 'Tabby markings: an "M" on the forehead and stripes, spots or swirls.' },
        { value: false, displayName: 'Not tabby', explanation: 'No tabby markings.' },
      ],
    },
    {
      name: 'is_pointed', displayName: 'Colourpoint', kind: 'boolean',
      explanation: 'Whether colour is restricted to the points (face, ears, legs, tail), as in a Siamese.',
      values: [
        { value: true, displayName: 'Colourpoint', ems: '33', explanation: 'A pale body with darker face, ears, legs and tail, and blue eyes.' },
        { value: false, displayName: 'Not colourpoint', explanation: 'Colour is not restricted to the points.' },
      ],
    },
  ],
};

export const FALLBACK_VOCABULARY: Vocabulary = {
  ...LOOSE_FALLBACK,
  traits: LOOSE_FALLBACK.traits.map((t) => ({ ...t, values: t.values.map((v) => ({ ems: null, swatch: null, ...v })) })),
};
