/**
 * npm run ml:train -- --data DIR[,DIR...] --out MODEL_FILE [--seed N] [--cv K] [--cache DIR] [--json OUT] [--no-augment]
 *   (experiments: [--maxAbstention 0.1] [--fit '{"colour":{"hidden":0}}'] [--inputs '{"is_tabby":["hand"]}'] = the blocks a
 *   head reads, see TRAIT_BLOCKS; ablations reuse the cached vectors)
 * Extracts (or reuses cached) features, adds synthetic copies of rare values (augment.ts: recoloured rare colours,
 * mirrored minority values; --no-augment leaves them out), trains the trait heads and writes the model artefact.
 * With --cv K the artefact's metrics are K-fold cross-validation numbers on the same data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeArtefact } from '../ml/artefact';
import { crossValidate, stratumKey } from '../ml/cross-validate';
import { defaultCacheRoot } from '../ml/feature-cache';
import { headInputs, TRAIT_BLOCKS, type HeadBlock } from '../ml/feature-layout';
import { checkTrainable, trainHeads, type TrainOptions } from '../ml/train';
import type { TraitName } from '../ml/vocabulary';
import { TRAIT_NAMES } from '../ml/vocabulary';
import { parseArgs } from './ml-args';
import { output, poolExtractor, runMain, samplesFromDirs, splitDirs, syntheticSamples } from './ml-common';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  const dirs = splitDirs(args.data);
  if (typeof args.out !== 'string') throw new Error('--out MODEL_FILE is required');
  const seed = args.seed ? Number(args.seed) : 1;
  const extractor = await poolExtractor();
  const cacheRoot = typeof args.cache === 'string' ? args.cache : defaultCacheRoot();
  const { samples, stats } = await samplesFromDirs(dirs, extractor, cacheRoot);
  const { synthetic, stats: augmentation } = args['no-augment'] ? { synthetic: [], stats: null } : await syntheticSamples(samples, extractor, cacheRoot);
  await extractor.close();
  const problems = checkTrainable(samples.map((s) => s.label), TRAIT_NAMES);
  for (const p of problems) process.stderr.write(`note: ${p} (that trait will answer "not sure")\n`);
  // experiment knobs (defaults are the tuned ones): --maxAbstention 0.1 --penalty '{"is_cat":0.1}' --fit '{"colour":{"hidden":0}}'
  const extra = {
    ...(args.maxAbstention ? { maxAbstention: Number(args.maxAbstention) } : {}),
    ...(typeof args.penalty === 'string' ? { abstentionPenalty: JSON.parse(args.penalty) as TrainOptions['abstentionPenalty'] } : {}),
    ...(typeof args.fit === 'string' ? { fit: JSON.parse(args.fit) as TrainOptions['fit'] } : {}),
    ...(typeof args.inputs === 'string'
      ? { inputs: headInputs(undefined, { ...TRAIT_BLOCKS, ...(JSON.parse(args.inputs) as Partial<Record<TraitName, HeadBlock[]>>) }) }
      : {}),
  };
  const t0 = Date.now();
  const artefact = await trainHeads([...samples, ...synthetic], { seed, featureVersion: extractor.version, datasets: dirs.map((d) => path.basename(d)), ...extra });
  const trainMs = Date.now() - t0;
  if (args.cv) {
    const k = Number(args.cv);
    const keys = samples.map((s) => stratumKey(s.label, s.row.source));
    const { report } = await crossValidate(samples, keys, k, { seed, featureVersion: extractor.version, ...extra }, synthetic);
    artefact.metrics = report;
  }
  const bytes = serializeArtefact(artefact);
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, bytes);
  output(
    {
      out: path.resolve(args.out),
      bytes: bytes.length,
      featureVersion: extractor.version,
      samples: samples.length,
      extraction: stats,
      augmentation,
      trainMs,
      problems,
      traits: artefact.training.traits,
      metrics: artefact.metrics,
    },
    args.json,
  );
});
