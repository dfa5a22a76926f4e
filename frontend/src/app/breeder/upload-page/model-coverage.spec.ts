import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { coverageNote } from './model-coverage';

describe('coverageNote', () => {
  it('says what the starter-like model cannot tell, the shorter way round', () => {
    const note = coverageNote(
      {
        available: true,
        answers: ['is_cat', 'colour', 'is_tabby', 'is_pointed'],
        unlearnt: { colour: ['chocolate', 'lilac', 'cinnamon', 'fawn', 'red', 'cream', 'white', 'other'], pattern: ['self', 'bicolour', 'van'] },
      },
      FALLBACK_VOCABULARY,
    );
    expect(note).toEqual({
      kind: 'partial',
      text: 'The current model is still learning: it knows only black and blue so far and it cannot tell the white pattern yet. Anything else comes out as “not sure” or can be mistaken for what it knows, so check its answers against the cat.',
    });
  });

  it('names the few values a well-trained model still lacks', () => {
    const note = coverageNote(
      { available: true, answers: ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'], unlearnt: { colour: ['lilac', 'cinnamon', 'fawn'], pattern: ['van'] } },
      FALLBACK_VOCABULARY,
    );
    expect(note?.text).toBe(
      'The current model is still learning: it has not learnt lilac, cinnamon or fawn yet and it cannot tell van yet. Anything else comes out as “not sure” or can be mistaken for what it knows, so check its answers against the cat.',
    );
  });

  it('says nothing when the model can tell everything, and warns when no model answers', () => {
    const everything = { available: true, answers: ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'] as const, unlearnt: { colour: [], pattern: [] } };
    expect(coverageNote({ ...everything, answers: [...everything.answers] }, FALLBACK_VOCABULARY)).toBeNull();
    expect(coverageNote(null, FALLBACK_VOCABULARY)).toBeNull();
    expect(coverageNote({ available: true, answers: null, unlearnt: null }, FALLBACK_VOCABULARY)).toBeNull(); // unreadable file
    expect(coverageNote({ available: false, answers: [], unlearnt: null }, FALLBACK_VOCABULARY)?.kind).toBe('none');
  });
});
