/** Reading a trained model's per-trait test metrics (ml/evaluate output). */

/** Test images a trait's head answered (not "not sure"), from its n and abstention rate. */
export function answeredOf(m: Record<string, unknown>): number | null {
  if (typeof m.n !== 'number') return null;
  const abstention = typeof m.abstentionRate === 'number' ? Math.min(1, Math.max(0, m.abstentionRate)) : 0;
  return Math.round(m.n * (1 - abstention));
}

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
