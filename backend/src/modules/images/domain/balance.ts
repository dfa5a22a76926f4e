/**
 * Class balance of the labelled training set, computed from one aggregate grouped by the full label.
 * A cell is under-represented when it holds fewer than MIN_PER_VALUE images or less than a quarter of the
 * average cell of its trait (colour × pattern: of the average non-empty combination).
 */
import type { Balance, BalanceCell } from '../../../contracts/training-images';
import { COLOURS, Colour, PATTERNS, Pattern, PhenotypeLabel, TraitName, TRAIT_NAMES, traitValues } from '../../../ml/vocabulary';

export const MIN_PER_VALUE = 20;
const SHARE_OF_AVERAGE = 0.25;

export type { BalanceCell };
/** `GET /api/admin/training-images/balance` (the API contract). */
export type BalanceDto = Balance;

export function summariseBalance(groups: { label: PhenotypeLabel; count: number }[], unlabelled: number): BalanceDto {
  const traitCounts = new Map<string, number>();
  const combo = new Map<string, number>();
  let labelled = 0;
  for (const g of groups) {
    labelled += g.count;
    for (const t of TRAIT_NAMES) {
      const v = g.label[t];
      if (v === null || v === undefined) continue;
      const key = `${t}:${String(v)}`;
      traitCounts.set(key, (traitCounts.get(key) ?? 0) + g.count);
    }
    if (g.label.colour && g.label.pattern && g.label.is_cat !== false) {
      const key = `${g.label.colour}:${g.label.pattern}`;
      combo.set(key, (combo.get(key) ?? 0) + g.count);
    }
  }
  const flag = (count: number, average: number) => count < MIN_PER_VALUE || count < average * SHARE_OF_AVERAGE;
  const traits = {} as BalanceDto['traits'];
  for (const t of TRAIT_NAMES) {
    const values = t === 'is_cat' || t === 'is_tabby' || t === 'is_pointed' ? [true, false] : [...traitValues(t)];
    const counts = values.map((v) => traitCounts.get(`${t}:${String(v)}`) ?? 0);
    const avg = counts.reduce((a, b) => a + b, 0) / values.length;
    traits[t] = values.map((v, i) => ({ value: v, count: counts[i], underRepresented: flag(counts[i], avg) }));
  }
  const cells = COLOURS.flatMap((colour) => PATTERNS.map((pattern) => ({ colour, pattern, count: combo.get(`${colour}:${pattern}`) ?? 0 })));
  const nonEmpty = cells.filter((c) => c.count > 0);
  const avg = nonEmpty.length ? nonEmpty.reduce((a, c) => a + c.count, 0) / nonEmpty.length : 0;
  return {
    labelled,
    unlabelled,
    minPerValue: MIN_PER_VALUE,
    traits,
    colourPattern: cells.map((c) => ({ ...c, underRepresented: flag(c.count, avg) })),
  };
}
