import { StartFormValue, TRAINING_LIMITS, startBlockedReason, startFormErrors, tidy, toStartOptions } from './training-form';

const valid: StartFormValue = {
  traits: ['is_cat', 'colour', 'pattern', 'is_tabby', 'is_pointed'],
  validationShare: 0.15,
  testShare: 0.15,
  maxEpochs: 200,
  seed: null,
  name: '',
};
const errorsOf = (patch: Partial<StartFormValue>) => startFormErrors({ ...valid, ...patch });

describe('training start form checks', () => {
  it('accepts the defaults and the limits themselves', () => {
    expect(startFormErrors(valid)).toEqual({});
    expect(errorsOf({ validationShare: 0.05, testShare: 0.4, maxEpochs: 1, seed: 0 })).toEqual({});
    expect(errorsOf({ validationShare: 0.4, testShare: 0.05, maxEpochs: 1000, seed: 2147483647, name: 'x'.repeat(120) })).toEqual({});
  });

  it('mirrors the limits the API enforces', () => {
    expect(TRAINING_LIMITS.validationShare).toEqual({ min: 0.05, max: 0.4, default: 0.15 });
    expect(TRAINING_LIMITS.maxEpochs).toEqual({ min: 1, max: 1000, default: 200 });
    expect(TRAINING_LIMITS.heldOutShareMax).toBe(0.6);
  });

  it('flags the reviewed case (0.9, 0.5, 0 epochs) field by field, with the allowed range in words', () => {
    expect(errorsOf({ validationShare: 0.9, testShare: 0.5, maxEpochs: 0 })).toEqual({
      validationShare: 'Enter a share from 0.05 to 0.4 (5–40 % of the images).',
      testShare: 'Enter a share from 0.05 to 0.4 (5–40 % of the images).',
      maxEpochs: 'Enter a whole number from 1 to 1000.',
    });
  });

  it('asks for a value when a number field is empty or not a number', () => {
    expect(errorsOf({ validationShare: null }).validationShare).toContain('from 0.05 to 0.4');
    expect(errorsOf({ testShare: Number.NaN }).testShare).toContain('from 0.05 to 0.4');
    expect(errorsOf({ maxEpochs: null }).maxEpochs).toBe('Enter a whole number from 1 to 1000.');
    expect(errorsOf({ maxEpochs: 2.5 }).maxEpochs).toBe('Enter a whole number from 1 to 1000.');
    expect(errorsOf({ maxEpochs: 1001 }).maxEpochs).toBe('Enter a whole number from 1 to 1000.');
  });

  it('requires the two shares together to leave images to train on, saying how far each may go', () => {
    const e = errorsOf({ validationShare: 0.4, testShare: 0.3 });
    expect(e.validationShare).toBe('With test share 0.3, use at most 0.3: 40 % of the images must be left to train on.');
    expect(e.testShare).toBe('With validation share 0.4, use at most 0.2: 40 % of the images must be left to train on.');
    expect(errorsOf({ validationShare: 0.4, testShare: 0.2 })).toEqual({}); // 0.6000000000000001 in floating point
    expect(errorsOf({ validationShare: 0.35, testShare: 0.25 })).toEqual({});
  });

  it('needs at least one trait', () => {
    expect(errorsOf({ traits: [] })).toEqual({ traits: 'Tick at least one trait to train.' });
  });

  it('accepts an empty seed but not a negative, fractional or too large one', () => {
    expect(errorsOf({ seed: null })).toEqual({});
    for (const seed of [-1, 1.5, 2147483648]) {
      expect(errorsOf({ seed }).seed).toBe('Leave empty for a random seed, or enter a whole number from 0 to 2147483647.');
    }
  });

  it('limits the model name to 120 characters, not counting surrounding spaces', () => {
    expect(errorsOf({ name: 'x'.repeat(121) }).name).toBe('Use at most 120 characters.');
    expect(errorsOf({ name: ` ${'x'.repeat(120)} ` })).toEqual({});
  });

  it('explains the disabled Start button with the labels of the fields to fix, in form order', () => {
    expect(startBlockedReason({})).toBeNull();
    expect(startBlockedReason(errorsOf({ maxEpochs: 0, traits: [], validationShare: 0.9 }))).toBe(
      'To start, fix: Traits to train, Validation share, Epochs cap.',
    );
  });

  it('builds the request body: traits in API order, seed and name only when given', () => {
    expect(toStartOptions({ ...valid, traits: ['is_pointed', 'colour'] })).toEqual({
      traits: ['colour', 'is_pointed'],
      validationShare: 0.15,
      testShare: 0.15,
      maxEpochs: 200,
    });
    expect(toStartOptions({ ...valid, seed: 0, name: '  mine  ' })).toMatchObject({ seed: 0, name: 'mine' });
  });

  it('tidies floating-point noise for display', () => {
    expect(tidy(0.6 - 0.3)).toBe('0.3');
  });
});
