import { CurrentModelView, TraitName } from '../../shared/models/prediction';
import { Vocabulary, findTrait, findValue } from '../../shared/models/vocabulary';

/** What the upload page says up front about the model that will answer, when it cannot tell everything yet. */
export interface CoverageNote {
  /** 'none': no model is answering, an upload would fail; 'partial': some answers will read "not sure" */
  kind: 'none' | 'partial';
  text: string;
}

function list(items: string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * One short paragraph in breeder words, e.g. "The current model is still learning: it knows only black and blue so
 * far, and cannot tell the white pattern yet. Anything else comes out as “not sure” or can be mistaken…" Null when it can tell
 * everything (or while nothing is known about it).
 */
export function coverageNote(view: CurrentModelView | null, vocabulary: Vocabulary): CoverageNote | null {
  if (!view) return null;
  if (view.available && !view.answers) return null; // its file could not be read: nothing reliable to say
  if (!view.available) {
    return { kind: 'none', text: 'No model is answering yet: an administrator needs to train or activate one first, so a photo cannot be analysed right now.' };
  }
  const name = (t: TraitName) => (findTrait(vocabulary, t)?.displayName ?? t).toLowerCase();
  const valueName = (t: TraitName, v: string) =>
    v === 'other' ? 'tortie and other mixed colours' : (findValue(vocabulary, t, v)?.displayName ?? v).toLowerCase();
  const answers = view.answers ?? [];
  const parts: string[] = [];
  const notAnswered = (['colour', 'pattern', 'is_tabby', 'is_pointed'] as const).filter((t) => !answers.includes(t));
  const missingColours = answers.includes('colour') ? (view.unlearnt?.colour ?? []) : [];
  if (missingColours.length) {
    const all = (findTrait(vocabulary, 'colour')?.values ?? []).map((v) => String(v.value));
    const learnt = all.filter((v) => !missingColours.includes(v as never));
    parts.push(
      learnt.length < missingColours.length
        ? `it knows only ${list(learnt.map((v) => valueName('colour', v)), 'and')} so far`
        : `it has not learnt ${list(missingColours.map((v) => valueName('colour', v)), 'or')} yet`,
    );
  }
  const missingPatterns = answers.includes('pattern') ? (view.unlearnt?.pattern ?? []) : [];
  if (missingPatterns.length) parts.push(`it cannot tell ${list(missingPatterns.map((v) => valueName('pattern', v)), 'or')} yet`);
  if (notAnswered.length) parts.push(`it cannot tell the ${list(notAnswered.map(name), 'or')} yet`);
  if (!answers.includes('is_cat')) parts.push('it does not check that the photo shows a cat');
  if (!parts.length) return null;
  return {
    kind: 'partial',
    text: `The current model is still learning: ${list(parts, 'and')}. Anything else comes out as “not sure” or can be mistaken for what it knows, so check its answers against the cat.`,
  };
}
