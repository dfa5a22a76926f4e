import { LabelError } from '../../../ml/errors';
import { planLabelSet } from './label-update';

const now = new Date('2025-01-01T00:00:00Z');

describe('planLabelSet', () => {
  it('sets only the given traits on dotted paths and marks labelled', () => {
    const p = planLabelSet({ colour: 'blue', pattern: 'bicolour' }, 'u1', now);
    expect(p.set).toEqual({
      'label.colour': 'blue',
      'label.pattern': 'bicolour',
      'label.is_cat': true,
      isLabelled: true,
      labelledBy: 'u1',
      labelledAt: now,
      updatedAt: now,
    });
    expect(p.needsLabelledRecount).toBe(false);
  });
  it('is_cat=false clears every coat trait', () => {
    const p = planLabelSet({ is_cat: false }, 'u1', now);
    expect(p.set).toMatchObject({ 'label.is_cat': false, 'label.colour': null, 'label.pattern': null, 'label.is_tabby': null, 'label.is_pointed': null, isLabelled: true });
  });
  it('refuses values outside the vocabulary, unknown traits and contradictions', () => {
    expect(() => planLabelSet({ colour: 'purple' }, 'u', now)).toThrow(/colour must be one of .*"purple"/);
    expect(() => planLabelSet({ color: 'blue' }, 'u', now)).toThrow(LabelError);
    expect(() => planLabelSet({ is_cat: false, colour: 'blue' }, 'u', now)).toThrow(/not a cat/);
    expect(() => planLabelSet({}, 'u', now)).toThrow(/at least one trait/);
  });
  it('clearing some traits asks for a recount; clearing all unlabels', () => {
    expect(planLabelSet({ colour: null }, 'u', now).needsLabelledRecount).toBe(true);
    const all = planLabelSet({ is_cat: null, colour: null, pattern: null, is_tabby: null, is_pointed: null }, 'u', now);
    expect(all.set.isLabelled).toBe(false);
    expect(all.needsLabelledRecount).toBe(false);
  });
});
