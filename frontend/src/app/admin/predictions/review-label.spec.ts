import { adminPrediction } from '../../../testing/fixtures';
import { AdminPrediction } from './predictions-api';
import type { PhenotypeLabel } from '../../shared/models/prediction';
import { changedTraits, confidenceText, labelSummary, predictedLabel, setTrait, startingLabel } from './review-label';

const prediction = (over: Partial<AdminPrediction> = {}) => adminPrediction('p1', over);

describe('review label rules', () => {
  it('turns unsure answers into unknowns', () => {
    expect(predictedLabel(prediction())).toEqual({ is_cat: true, colour: 'blue', pattern: null, is_tabby: false, is_pointed: false });
  });

  it("starts from the breeder's correction on a rejected prediction", () => {
    const p = prediction({ userReview: 'rejected', feedback: { accepted: false, correction: { colour: 'lilac' }, createdAt: '' } });
    expect(startingLabel(p)).toMatchObject({ colour: 'lilac', is_tabby: false });
    expect(changedTraits(p, startingLabel(p))).toEqual(['colour']);
  });

  it('starts from what a breeder who said "right" filled in where the model was not sure', () => {
    const p = prediction({ userReview: 'accepted', feedback: { accepted: true, correction: { pattern: 'bicolour' }, createdAt: '' } });
    expect(startingLabel(p)).toMatchObject({ colour: 'blue', pattern: 'bicolour', is_tabby: false });
  });

  it("starts from the admin's earlier decision when there is one", () => {
    const label: PhenotypeLabel = { is_cat: true, colour: 'red', pattern: 'van', is_tabby: true, is_pointed: false };
    const p = prediction({ review: { decision: 'reject', label, reviewedBy: 'a', reviewedAt: '' } });
    expect(startingLabel(p)).toEqual(label);
  });

  it('clears the coat when set to "not a cat" and makes it a cat again when a coat value is chosen', () => {
    const notCat = setTrait(predictedLabel(prediction()), 'is_cat', false);
    expect(notCat).toEqual({ is_cat: false, colour: null, pattern: null, is_tabby: null, is_pointed: null });
    expect(setTrait(notCat, 'colour', 'cream')).toMatchObject({ is_cat: true, colour: 'cream' });
  });

  it('summarises a label in breeder words', () => {
    expect(labelSummary(null, { colour: 'lilac', is_tabby: false })).toMatch(/Colour: Lilac/);
  });

  it('says how sure the model was, without a percentage where it would mislead', () => {
    expect(confidenceText({ value: 'black', confidence: 0.962, unsure: false })).toBe('96%');
    expect(confidenceText({ value: null, confidence: 0.55, unsure: true, reason: 'uncertain' })).toBe('55% · not sure (below its threshold)');
    expect(confidenceText({ value: null, confidence: 1, unsure: true, reason: 'unfamiliar' })).toBe('not sure (unlike its training photos)');
    expect(confidenceText({ value: null, confidence: 0, unsure: true, reason: 'untrained' })).toBe('not sure (trait not learnt)');
    expect(confidenceText({ value: null, confidence: 0.6, unsure: true })).toBe('60% · not sure'); // stored before reasons
  });
});
