import { PhenotypeLabel, TRAIT_NAMES, TraitName } from '../../../ml';

/** Turns a prediction's traits into a label: unsure or missing answers are unknown (null). */
export function labelFromTraits(traits: Partial<Record<TraitName, { value: unknown; unsure: boolean; confidence?: number }>>): PhenotypeLabel {
  const label: Record<string, unknown> = {};
  for (const t of TRAIT_NAMES) {
    const p = traits[t];
    label[t] = p && !p.unsure && p.value !== undefined ? p.value : null;
  }
  if (label.is_cat === false) for (const t of TRAIT_NAMES) if (t !== 'is_cat') label[t] = null;
  return label as unknown as PhenotypeLabel;
}

export interface TraitOutcome {
  trait: TraitName;
  correct: boolean;
}

/**
 * What a breeder's feedback says about each predicted trait. "Yes, right" confirms every trait that was
 * answered; "no" with corrections scores the corrected traits (a correction equal to the prediction counts as
 * right); a trait the breeder did not correct after "no" is not scored — we cannot know which part was wrong.
 */
export function scoreFeedback(
  predicted: PhenotypeLabel,
  feedback: { accepted: boolean; correction: Partial<PhenotypeLabel> | null },
): TraitOutcome[] {
  const out: TraitOutcome[] = [];
  for (const trait of TRAIT_NAMES) {
    const p = predicted[trait];
    if (p === null || p === undefined) continue;
    if (feedback.accepted) {
      out.push({ trait, correct: true });
      continue;
    }
    const c = feedback.correction?.[trait];
    if (c === undefined || c === null) continue;
    out.push({ trait, correct: c === p });
  }
  return out;
}

export function queueRankFor(userReview: 'none' | 'accepted' | 'rejected'): number {
  return userReview === 'rejected' ? 0 : userReview === 'none' ? 1 : 2;
}
