/**
 * Training benchmark (JSON to stdout): trains the heads on N cached feature vectors of the engine's layout
 * (synthetic, with learnable structure) and reports the wall time. Usage: node dist/cli/ml-bench-train.js [--n 5000]
 */
import * as os from 'node:os';
import { FEATURE_DIM, FEATURE_VERSION } from '../ml/feature-layout';
import { seededRandom } from '../ml/split';
import { trainHeads, type TrainingSample } from '../ml/train';
import { COLOURS, EMPTY_LABEL, PATTERNS } from '../ml/vocabulary';
import { parseArgs } from './ml-args';
import { output, runMain } from './ml-common';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  const n = args.n ? Number(args.n) : 5000;
  const rand = seededRandom(7);
  const samples: TrainingSample[] = Array.from({ length: n }, (_, i) => {
    const f = Float32Array.from({ length: FEATURE_DIM }, () => rand() * 2 - 1);
    const isCat = i % 5 !== 0;
    const colour = COLOURS[i % COLOURS.length];
    const pattern = PATTERNS[i % 3];
    f[i % 40] += 1.5; // some signal so training does not stop at once
    f[100 + COLOURS.indexOf(colour)] += isCat ? 1.5 : 0;
    return {
      features: f,
      label: isCat ? { ...EMPTY_LABEL, is_cat: true, colour, pattern, is_tabby: i % 2 === 0, is_pointed: i % 7 === 0 } : { ...EMPTY_LABEL, is_cat: false },
    };
  });
  const t0 = Date.now();
  const model = await trainHeads(samples, { seed: 1, featureVersion: FEATURE_VERSION });
  const trainMs = Date.now() - t0;
  output(
    {
      vectors: n,
      featureDim: FEATURE_DIM,
      trainMs,
      epochs: Object.fromEntries(Object.entries(model.training.traits).map(([t, i]) => [t, i?.bestEpoch ?? null])),
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    },
    args.json,
  );
});
