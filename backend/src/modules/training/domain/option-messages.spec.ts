import { OPTION_MESSAGES, heldOutShareProblem, thinTraitProblem, tooFewImagesProblem } from './option-messages';
import { TRAINING_LIMITS } from './training-options';

const API_ONLY = /(^|[^(\w])(validationShare|testShare|maxEpochs|is_cat|is_pointed|is_tabby)(?! \()/;

describe('training option messages', () => {
  it('name each field as the API spells it, followed by the label of the Training page, with the range in words', () => {
    expect(OPTION_MESSAGES.validationShare).toBe('validationShare (Validation share) must be a number from 0.05 to 0.4, such as 0.15');
    expect(OPTION_MESSAGES.testShare).toBe('testShare (Test share) must be a number from 0.05 to 0.4, such as 0.15');
    expect(OPTION_MESSAGES.maxEpochs).toBe('maxEpochs (Epochs cap) must be a whole number from 1 to 1000');
    expect(OPTION_MESSAGES.seed).toContain('seed (Seed) must be a whole number from 0 to 2147483647');
    expect(OPTION_MESSAGES.name).toBe('name (Model name) must be text of at most 120 characters');
    expect(OPTION_MESSAGES.traitUnknown).toContain('is_cat (Is a cat)');
    expect(OPTION_MESSAGES.traitUnknown).toContain('is_pointed (Colourpoint)');
    for (const m of Object.values(OPTION_MESSAGES)) expect(m).not.toMatch(API_ONLY);
  });

  it('mirror the limits the API enforces', () => {
    expect(OPTION_MESSAGES.validationShare).toContain(`${TRAINING_LIMITS.validationShare.min} to ${TRAINING_LIMITS.validationShare.max}`);
    expect(OPTION_MESSAGES.maxEpochs).toContain(`${TRAINING_LIMITS.maxEpochs.min} to ${TRAINING_LIMITS.maxEpochs.max}`);
  });

  it('allow hold-outs up to 0.6 together, without floating-point surprises', () => {
    expect(heldOutShareProblem(0.15, 0.15)).toBeNull();
    expect(heldOutShareProblem(0.4, 0.2)).toBeNull(); // 0.6000000000000001 in floating point
    expect(heldOutShareProblem(0.3, 0.3)).toBeNull();
    const p = heldOutShareProblem(0.4, 0.3);
    expect(p).toBe(
      'validationShare (Validation share) + testShare (Test share) must be at most 0.6 together, ' +
        'so at least 40 % of the examples are left to learn from (got 0.4 + 0.3 = 0.7)',
    );
  });

  it('say which trait lacks examples in the words of the page, with value names', () => {
    expect(thinTraitProblem('is_pointed', { false: 20 }, 5)).toBe(
      'Colourpoint needs at least 2 different values with 5 or more labelled images each (labelled so far — no: 20)',
    );
    expect(thinTraitProblem('pattern', { self: 18, bicolour: 2 }, 5)).toContain('Pattern needs at least 2 different values');
    expect(thinTraitProblem('pattern', { self: 18, bicolour: 2 }, 5)).toContain('(labelled so far — self: 18, bicolour: 2)');
    expect(thinTraitProblem('is_cat', {}, 5)).toContain('(none labelled yet)');
    expect(tooFewImagesProblem(3, ['is_cat', 'colour'], 10)).toBe(
      'only 3 labelled images carry the traits to train (Is a cat, Colour); at least 10 are needed',
    );
    expect(thinTraitProblem('is_cat', { true: 23, false: 2 }, 5)).not.toMatch(API_ONLY);
  });
});
