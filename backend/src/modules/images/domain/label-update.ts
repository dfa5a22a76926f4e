/**
 * Turns a bulk-label request (any subset of traits) into ONE `$set` on dotted paths (`label.colour`…),
 * applying the vocabulary rules server-side:
 * - every value must be in the vocabulary (LabelError names the bad field and value);
 * - is_cat = false clears the coat traits (they do not apply to a non-cat);
 * - a coat trait set to a value (without is_cat in the same request) makes the image a cat, since only cats
 *   have a coat; setting a coat trait together with is_cat = false is refused;
 * - isLabelled is true whenever the patch sets a value. A patch that only clears traits (null = unknown)
 *   cannot know per record whether something is left, so it reports `needsLabelledRecount`.
 */
import { LabelError } from '../../../ml/errors';
import { COAT_TRAITS, PhenotypeLabel, TRAIT_NAMES, TraitName, normaliseLabel } from '../../../ml/vocabulary';

export interface LabelSetPlan {
  set: Record<string, unknown>;
  /** the patch only clears some traits: records whose traits are now all null must get isLabelled=false */
  needsLabelledRecount: boolean;
  /** the normalised patch (only the keys that are written) */
  patch: Partial<PhenotypeLabel>;
}

export function planLabelSet(raw: unknown, userId: string, now: Date): LabelSetPlan {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new LabelError('label', 'label must be an object with any of is_cat, colour, pattern, is_tabby, is_pointed');
  }
  const input = raw as Record<string, unknown>;
  const keys = Object.keys(input).filter((k) => input[k] !== undefined);
  if (!keys.length) {
    throw new LabelError('label', `label must set at least one trait (${TRAIT_NAMES.join(', ')}); use null to mark a trait unknown`);
  }
  const patch: Partial<PhenotypeLabel> = {};
  // each trait on its own, so the is_cat=false rule below sees what was really asked for
  for (const k of keys as TraitName[]) (patch as Record<string, unknown>)[k] = normaliseLabel({ [k]: input[k] })[k];

  const setsCoat = COAT_TRAITS.some((t) => patch[t] !== undefined && patch[t] !== null);
  if (patch.is_cat === false) {
    if (setsCoat) throw new LabelError('is_cat', 'coat traits cannot be set on an image labelled as not a cat (is_cat=false)');
    for (const t of TRAIT_NAMES) (patch as Record<string, unknown>)[t] = t === 'is_cat' ? false : null;
  } else if (setsCoat && patch.is_cat === undefined) {
    patch.is_cat = true;
  }

  const set: Record<string, unknown> = { labelledBy: userId, labelledAt: now, updatedAt: now };
  for (const [k, v] of Object.entries(patch)) set[`label.${k}`] = v;
  const anyValue = Object.values(patch).some((v) => v !== null);
  const clearsAll = TRAIT_NAMES.every((t) => patch[t] === null);
  let needsLabelledRecount = false;
  if (anyValue) set.isLabelled = true;
  else if (clearsAll) {
    set.isLabelled = false;
    set.labelledBy = null;
    set.labelledAt = null;
  } else needsLabelledRecount = true;
  return { set, needsLabelledRecount, patch };
}
