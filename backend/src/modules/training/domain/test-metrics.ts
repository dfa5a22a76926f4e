/** Reading a trained model's per-trait test metrics (ml/evaluate output). */
import { answeredOf } from '../../../ml/metrics';

export { answeredOf };

/** Right answers ÷ answers, over all traits (each trait's accuracy weighted by how many photos it answered). */
export function accuracyOverAnswers(perTrait: Record<string, unknown>[]): number | null {
  let right = 0;
  let answered = 0;
  for (const m of perTrait) {
    const a = answeredOf(m);
    if (!a || typeof m.accuracy !== 'number') continue;
    right += m.accuracy * a;
    answered += a;
  }
  return answered ? right / answered : null;
}
