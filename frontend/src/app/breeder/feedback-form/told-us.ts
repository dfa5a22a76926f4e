import { TraitCorrection, TraitName } from '../../shared/models/prediction';
import { Vocabulary, findTrait, findValue } from '../../shared/models/vocabulary';

/**
 * What a breeder told us about a result, in words ("Colour: Black", "White pattern: Bicolour"): shown after sending,
 * on later visits, and beside the headline of a result its owner corrected.
 */
export function toldUs(correction: TraitCorrection | null | undefined, vocabulary: Vocabulary): string[] {
  if (!correction) return [];
  if (correction.is_cat === false) return ['No cat in this photo'];
  const trait = (name: TraitName, fallback: string) => findTrait(vocabulary, name)?.displayName ?? fallback;
  const valueName = (name: TraitName, value: string) => findValue(vocabulary, name, value)?.displayName ?? value;
  const lines: string[] = [];
  if (correction.is_cat === true) lines.push('There is a cat in this photo');
  if (correction.colour) lines.push(`${trait('colour', 'Colour')}: ${valueName('colour', correction.colour)}`);
  if (correction.pattern) lines.push(`${trait('pattern', 'Pattern')}: ${valueName('pattern', correction.pattern)}`);
  if (typeof correction.is_tabby === 'boolean') lines.push(`${trait('is_tabby', 'Tabby')}: ${correction.is_tabby ? 'Yes' : 'No'}`);
  if (typeof correction.is_pointed === 'boolean') lines.push(`${trait('is_pointed', 'Colourpoint')}: ${correction.is_pointed ? 'Yes' : 'No'}`);
  return lines;
}
