import { accuracyOverAnswers, answeredOf } from './test-metrics';

describe('test metrics of a trained model', () => {
  it('counts the answered test images from n and the "not sure" rate', () => {
    expect(answeredOf({ n: 7, abstentionRate: 6 / 7 })).toBe(1);
    expect(answeredOf({ n: 10 })).toBe(10);
    expect(answeredOf({})).toBeNull();
  });

  it('weighs each trait by its answers: one wrong answer of one does not pull 60 right ones down to a half', () => {
    expect(accuracyOverAnswers([{ accuracy: 1, n: 60 }, { accuracy: 0, n: 7, abstentionRate: 6 / 7 }])).toBeCloseTo(60 / 61);
    expect(accuracyOverAnswers([{ accuracy: 0.5, n: 9, abstentionRate: 1 }])).toBeNull(); // nothing answered
    expect(accuracyOverAnswers([])).toBeNull();
  });
});
