/** Synthetic, separable feature vectors for unit tests (no images, no tfjs). */
import { seededRandom } from './split';
import type { TrainingSample } from './train';
import { EMPTY_LABEL, type Colour, type PhenotypeLabel } from './vocabulary';

export function syntheticSamples(n: number, dim: number, seed = 1, colours: Colour[] = ['black', 'blue', 'red']): TrainingSample[] {
  const rand = seededRandom(seed);
  const out: TrainingSample[] = [];
  for (let i = 0; i < n; i++) {
    const isCat = i % 4 !== 0;
    const colour = colours[i % colours.length];
    const tabby = i % 3 === 0;
    const f = new Float32Array(dim);
    for (let j = 0; j < dim; j++) f[j] = rand() - 0.5;
    f[0] += isCat ? 2 : -2;
    f[1 + colours.indexOf(colour)] += isCat ? 2.5 : 0;
    f[dim - 1] += tabby ? 2 : -2;
    const label: PhenotypeLabel = isCat
      ? { ...EMPTY_LABEL, is_cat: true, colour, pattern: i % 2 ? 'self' : 'bicolour', is_tabby: i % 5 === 0 ? null : tabby, is_pointed: null }
      : { ...EMPTY_LABEL, is_cat: false };
    out.push({ features: f, label });
  }
  return out;
}
