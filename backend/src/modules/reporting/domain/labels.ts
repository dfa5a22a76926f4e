import type { PhenotypeLabel } from '../../../ml';

/** A dim_label row without its surrogate key. */
export interface LabelDim {
  naturalKey: string;
  isUnlabelled: boolean;
  isCat: boolean | null;
  colour: string | null;
  isTabby: boolean | null;
  pattern: string | null;
  isPointed: boolean | null;
}

const b = (v: boolean | null | undefined): string => (v === true ? '1' : v === false ? '0' : '-');
const s = (v: string | null | undefined): string => (v ? v : '-');

/**
 * The dimension row of a label. `null` (an image nobody has labelled yet) is its own row with
 * is_unlabelled = true, so reports can keep it out of the label balance. The natural key is stable
 * and unique per distinct label, e.g. "cat=1;colour=blue;pattern=self;tabby=0;pointed=-".
 */
export function labelDim(label: Partial<PhenotypeLabel> | null | undefined): LabelDim {
  const l = label ?? null;
  const empty =
    !l ||
    [l.is_cat, l.colour, l.pattern, l.is_tabby, l.is_pointed].every((v) => v === null || v === undefined);
  if (empty) {
    return { naturalKey: 'unlabelled', isUnlabelled: true, isCat: null, colour: null, isTabby: null, pattern: null, isPointed: null };
  }
  return {
    naturalKey: `cat=${b(l.is_cat)};colour=${s(l.colour)};pattern=${s(l.pattern)};tabby=${b(l.is_tabby)};pointed=${b(l.is_pointed)}`,
    isUnlabelled: false,
    isCat: l.is_cat ?? null,
    colour: l.colour ?? null,
    isTabby: l.is_tabby ?? null,
    pattern: l.pattern ?? null,
    isPointed: l.is_pointed ?? null,
  };
}
