import { Prediction, TraitName, UnsureReason } from '../../shared/models/prediction';
import { FALLBACK_VOCABULARY } from '../../shared/models/vocabulary-fallback';
import { Vocabulary, findTrait, findValue } from '../../shared/models/vocabulary';

/** One line of the result: a trait, its value in breeder words, and how sure the model is. */
export interface TraitRow {
  name: TraitName;
  traitName: string;
  traitExplanation: string;
  valueLabel: string;
  valueExplanation: string;
  emsCode: string | null;
  /** false when the model gave no answer at all (unsure without a best guess). */
  hasValue: boolean;
  /** undefined: no swatch for this trait; null: colour without a swatch ("other"). */
  swatch: string | null | undefined;
  confidence: number;
  unsure: boolean;
  /** why the model is not sure (absent on older results, and when it is sure) */
  reason: UnsureReason | null;
  /**
   * false when the number would mislead: the model has no head for the trait ("untrained"), or the photo is unlike
   * what it learnt from ("unfamiliar", where a high percentage means little).
   */
  showConfidence: boolean;
  /**
   * For colour and pattern: the values the model that answered has not learnt (e.g. "lilac"), in a sentence; null
   * when it knows them all, when it has not learnt the trait at all (the unsure note says so), or on older results.
   */
  unlearntNote: string | null;
}

export const COAT_TRAITS: TraitName[] = ['colour', 'pattern', 'is_tabby', 'is_pointed'];

/** Builds the rows shown on the result page, in breeder language, using the server vocabulary when loaded. */
export function buildTraitRows(prediction: Prediction, vocabulary: Vocabulary | null): TraitRow[] {
  return COAT_TRAITS.map((name) => {
    const t = prediction.traits[name];
    const trait = findTrait(vocabulary, name) ?? findTrait(FALLBACK_VOCABULARY, name);
    const hasValue = t.value !== null && t.value !== undefined;
    const reason = t.unsure ? (t.reason ?? null) : null;
    const value = hasValue ? (findValue(vocabulary, name, t.value!) ?? findValue(FALLBACK_VOCABULARY, name, t.value!)) : undefined;
    return {
      name,
      traitName: trait?.displayName ?? name,
      traitExplanation: trait?.explanation ?? '',
      hasValue,
      valueLabel: hasValue ? (value?.displayName ?? String(t.value)) : 'Not sure',
      valueExplanation: value?.explanation ?? '',
      emsCode: value?.ems ?? null,
      swatch: name === 'colour' && hasValue ? (value?.swatch ?? null) : undefined,
      confidence: t.confidence,
      unsure: t.unsure,
      reason,
      // a percentage without the answer it belongs to says nothing (and would be a third "not sure")
      showConfidence: hasValue && reason !== 'untrained' && reason !== 'unfamiliar',
      unlearntNote: reason === 'untrained' ? null : unlearntNote(prediction, name, vocabulary),
    };
  });
}

/** e.g. "This model has not learnt lilac, cinnamon or fawn yet: …" (shorter the other way round when it knows few). */
function unlearntNote(prediction: Prediction, name: TraitName, vocabulary: Vocabulary | null): string | null {
  if (name !== 'colour' && name !== 'pattern') return null;
  const missing: string[] = prediction.unlearnt?.[name] ?? [];
  if (!missing.length) return null;
  const trait = findTrait(vocabulary, name) ?? findTrait(FALLBACK_VOCABULARY, name);
  const all = (trait?.values ?? []).map((v) => String(v.value));
  const learnt = all.filter((v) => !missing.includes(v));
  const words = (values: string[]) =>
    values.map((v) => (v === 'other' ? 'tortie and other mixed colours' : (findValue(vocabulary, name, v) ?? findValue(FALLBACK_VOCABULARY, name, v))?.displayName.toLowerCase() ?? v));
  const noun = name === 'colour' ? 'colour' : 'pattern';
  if (learnt.length === 0) return null;
  if (learnt.length < missing.length) {
    return `This model has learnt only ${list(words(learnt), 'and')} so far: a cat of another ${noun} may be shown as one of these by mistake, or as “not sure”.`;
  }
  const those = missing.length === 1 ? `that ${noun}` : `those ${noun}s`;
  return `This model has not learnt ${list(words(missing), 'or')} yet: a cat of ${those} may be shown as a ${noun} it knows by mistake, or as “not sure”.`;
}

function list(items: string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** What a trait the model is not sure of leaves out of the EMS code, in a breeder's words. */
const LEFT_OUT: Partial<Record<TraitName, string>> = { pattern: 'white', is_tabby: 'tabby markings', is_pointed: 'colourpoint' };

/**
 * How far to trust the EMS code above the traits. EMS lists only what is there, so a code that leaves out a trait
 * the model is not sure of reads as "not present" to a breeder ("BSH a" = blue with no white): say it is partial,
 * and whether a better photo could help (not for traits the model has not learnt). Null when the code is complete.
 * `catUnsure`: the page already says a better photo can help.
 */
export function codeNote(rows: readonly TraitRow[], code: string | null, catUnsure = false): string | null {
  const colour = rows.find((r) => r.name === 'colour');
  // left out of the code: no answer at all; guessed: an older result that kept the model's best guess in the code
  const leftOut = code ? rows.filter((r) => LEFT_OUT[r.name] && r.unsure && !r.hasValue) : colour?.unsure ? [colour] : [];
  const guessed = code ? rows.filter((r) => r.unsure && r.hasValue) : [];
  if (!leftOut.length && !guessed.length) return null;
  const sentences: string[] = [];
  if (!code) sentences.push('No EMS code yet: the code starts with the colour, and the model is not sure of the colour.');
  else if (leftOut.length) {
    // what no photo can fix (a trait the model has not learnt) is kept apart from what it is not sure of
    const untrained = leftOut.filter((r) => r.reason === 'untrained');
    const notSure = leftOut.filter((r) => r.reason !== 'untrained');
    const parts = [
      ...(untrained.length ? [`${list(untrained.map((r) => LEFT_OUT[r.name]!), 'or')}, which this model has not learnt yet`] : []),
      ...(notSure.length ? [`${list(notSure.map((r) => LEFT_OUT[r.name]!), 'or')}, which it is not sure of (marked “not sure” below)`] : []),
    ];
    sentences.push(`Partial code: it does not say yet whether the cat has ${parts.join(', or ')}.`);
  }
  if (guessed.length) sentences.push(`The code uses the model’s best guess for ${list(guessed.map((r) => r.traitName.toLowerCase()), 'and')}, so it may be off.`);
  if (!catUnsure) {
    const unsure = [...leftOut, ...guessed];
    const fixable = unsure.filter((r) => r.reason !== 'untrained');
    // unlike anything it learnt, from a model that knows only some values: most likely a value it has not learnt
    const maybeUnlearnt = fixable.filter((r) => r.reason === 'unfamiliar' && r.unlearntNote);
    const photo = 'a clearer photo of the whole cat, in daylight, can help';
    if (!fixable.length) {
      sentences.push(
        code && !guessed.length
          ? 'It needs more labelled photos to learn them.'
          : `This model has not learnt ${!code ? 'colours' : unsure.length === 1 ? 'that' : 'those'} yet: it needs more labelled photos.`,
      );
    } else if (maybeUnlearnt.length) {
      sentences.push(`It may be a ${list(maybeUnlearnt.map((r) => r.traitName.toLowerCase()), 'or')} this model has not learnt yet (see below); if not, ${photo}.`);
    } else if (fixable.length < unsure.length) {
      sentences.push(`For the ${list(fixable.map((r) => r.traitName.toLowerCase()), 'and')}, ${photo}.`);
    } else {
      sentences.push(`${photo[0].toUpperCase()}${photo.slice(1)}.`);
    }
  }
  return sentences.join(' ');
}

/** One part of an EMS code and what it means, e.g. { part: 'a', meaning: 'Blue' }. */
export interface CodePart {
  part: string;
  meaning: string;
}

/**
 * Reads an EMS code back part by part with the vocabulary's words: "BSH a 03" → BSH British Shorthair, a Blue,
 * 03 Bicolour. A yes/no trait's number is named by the trait (21 Tabby, 33 Colourpoint). Parts the vocabulary does
 * not know are kept with an empty meaning rather than guessed.
 */
export function explainCode(code: string | null, vocabulary: Vocabulary): CodePart[] {
  if (!code) return [];
  const [breed, ...rest] = code.trim().split(/\s+/);
  const meaningOf = (part: string): string => {
    for (const trait of vocabulary.traits) {
      const value = trait.values.find((v) => v.ems === part);
      if (value) return trait.kind === 'boolean' ? trait.displayName : value.displayName;
    }
    return '';
  };
  return [{ part: breed, meaning: breed === vocabulary.breed ? 'British Shorthair' : '' }, ...rest.map((part) => ({ part, meaning: meaningOf(part) }))];
}

/**
 * The result's headline when there is no breeder name (the model is not sure of the colour): what it did find,
 * e.g. "Bicolour tabby — colour not sure", so the page does not open on a bare "Coat result".
 */
export function headlineWithoutColour(rows: readonly TraitRow[]): string {
  const sure = (name: TraitName) => rows.find((r) => r.name === name && r.hasValue && !r.unsure);
  const found: string[] = [];
  const pattern = sure('pattern');
  if (pattern?.emsCode) found.push(pattern.valueLabel.toLowerCase());
  if (sure('is_tabby')?.emsCode) found.push('tabby');
  if (sure('is_pointed')?.emsCode) found.push('colourpoint');
  if (!found.length) return 'Colour not sure';
  const text = found.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)} — colour not sure`;
}
