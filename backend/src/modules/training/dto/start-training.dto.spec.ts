import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { StartTrainingDto } from './start-training.dto';

function messages(body: Record<string, unknown>): string[] {
  return validateSync(plainToInstance(StartTrainingDto, body)).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('StartTrainingDto', () => {
  it('accepts an empty body (all defaults) and values at the limits', () => {
    expect(messages({})).toEqual([]);
    expect(messages({ traits: ['colour'], validationShare: 0.05, testShare: 0.4, maxEpochs: 1000, seed: 0, name: 'x'.repeat(120) })).toEqual([]);
    expect(messages({ validationShare: 0.4, testShare: 0.05, maxEpochs: 1, seed: 2147483647 })).toEqual([]);
  });

  it('rejects the reviewed case (0.9, 0.5, 0 epochs) with one readable message per field', () => {
    expect(messages({ validationShare: 0.9, testShare: 0.5, maxEpochs: 0 })).toEqual([
      'validationShare (Validation share) must be a number from 0.05 to 0.4, such as 0.15',
      'testShare (Test share) must be a number from 0.05 to 0.4, such as 0.15',
      'maxEpochs (Epochs cap) must be a whole number from 1 to 1000',
    ]);
  });

  it('rejects non-numbers, fractions of epochs, bad seeds, long names and unknown traits', () => {
    expect(messages({ validationShare: '0.15' })).toEqual(['validationShare (Validation share) must be a number from 0.05 to 0.4, such as 0.15']);
    expect(messages({ maxEpochs: 0.5 })).toEqual(['maxEpochs (Epochs cap) must be a whole number from 1 to 1000']);
    expect(messages({ seed: -1 })[0]).toMatch(/^seed \(Seed\) must be a whole number from 0 to 2147483647/);
    expect(messages({ name: 'x'.repeat(121) })).toEqual(['name (Model name) must be text of at most 120 characters']);
    expect(messages({ traits: ['colour', 'size'] })[0]).toMatch(/must be one of: is_cat \(Is a cat\), colour \(Colour\)/);
    expect(messages({ traits: [] })[0]).toMatch(/^traits \(Traits to train\) must name at least one trait/);
  });
});
