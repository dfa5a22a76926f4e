import { labelFromTraits, queueRankFor, scoreFeedback } from './feedback';

const traits = {
  is_cat: { value: true, confidence: 0.99, unsure: false },
  colour: { value: 'blue', confidence: 0.8, unsure: false },
  pattern: { value: 'self', confidence: 0.4, unsure: true },
  is_tabby: { value: false, confidence: 0.9, unsure: false },
  is_pointed: { value: false, confidence: 0.95, unsure: false },
};

describe('prediction feedback rules', () => {
  it('turns unsure answers into unknowns', () => {
    expect(labelFromTraits(traits)).toEqual({ is_cat: true, colour: 'blue', pattern: null, is_tabby: false, is_pointed: false });
  });

  it('clears coat traits when the photo is not a cat', () => {
    const label = labelFromTraits({ ...traits, is_cat: { value: false, confidence: 0.9, unsure: false } });
    expect(label).toEqual({ is_cat: false, colour: null, pattern: null, is_tabby: null, is_pointed: null });
  });

  it('an accepted prediction confirms every answered trait', () => {
    const outcomes = scoreFeedback(labelFromTraits(traits), { accepted: true, correction: null });
    expect(outcomes.map((o) => o.trait)).toEqual(['is_cat', 'colour', 'is_tabby', 'is_pointed']);
    expect(outcomes.every((o) => o.correct)).toBe(true);
  });

  it('a rejection scores only the corrected traits', () => {
    const outcomes = scoreFeedback(labelFromTraits(traits), { accepted: false, correction: { colour: 'lilac', is_tabby: false } });
    expect(outcomes).toEqual([
      { trait: 'colour', correct: false },
      { trait: 'is_tabby', correct: true },
    ]);
  });

  it('puts rejected predictions first in the review queue', () => {
    expect([queueRankFor('accepted'), queueRankFor('none'), queueRankFor('rejected')]).toEqual([2, 1, 0]);
  });
});
