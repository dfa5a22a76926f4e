import { PhenotypeLabel, TraitName } from '../../../ml';
import { seededRandom } from '../../../ml/split';

export interface LabelledItem {
  id: string;
  sha256: string;
  label: PhenotypeLabel;
}

/** Counts per trait value (booleans as "true"/"false"); only traits being trained. */
export type TraitCounts = Record<string, Record<string, number>>;

export function countPerTraitValue(labels: PhenotypeLabel[], traits: readonly TraitName[]): TraitCounts {
  const out: TraitCounts = {};
  for (const t of traits) out[t] = {};
  for (const l of labels) {
    for (const t of traits) {
      const v = l[t];
      if (v === null || v === undefined) continue;
      const key = String(v);
      out[t][key] = (out[t][key] ?? 0) + 1;
    }
  }
  return out;
}

/** The items that say something about at least one of the traits being trained. */
export function relevantItems<T extends { label: PhenotypeLabel }>(items: T[], traits: readonly TraitName[]): T[] {
  return items.filter((i) => traits.some((t) => i.label[t] !== null && i.label[t] !== undefined));
}

function stratumKey(label: PhenotypeLabel, traits: readonly TraitName[]): string {
  return traits.map((t) => `${t}=${label[t] === null || label[t] === undefined ? '?' : String(label[t])}`).join('|');
}

/**
 * Seeded stratified hold-out: items are shuffled, grouped by their combination of trained trait values,
 * and every group gives close to `share` of its members to the held-out part (systematic sampling over the
 * grouped order, so even small groups are represented proportionally overall).
 */
export function stratifiedHoldOut<T extends { id: string; label: PhenotypeLabel }>(
  items: T[],
  share: number,
  seed: number,
  traits: readonly TraitName[],
): { kept: T[]; heldOut: T[] } {
  const rnd = seededRandom(seed);
  const shuffled = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const groups = new Map<string, T[]>();
  for (const item of shuffled) {
    const key = stratumKey(item.label, traits);
    const g = groups.get(key);
    if (g) g.push(item);
    else groups.set(key, [item]);
  }
  const kept: T[] = [];
  const heldOut: T[] = [];
  let acc = rnd() * 0.999;
  for (const key of [...groups.keys()].sort()) {
    for (const item of groups.get(key)!) {
      acc += share;
      if (acc >= 1) {
        acc -= 1;
        heldOut.push(item);
      } else {
        kept.push(item);
      }
    }
  }
  return { kept, heldOut };
}
