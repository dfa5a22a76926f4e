/**
 * npm run ml:eval -- --model MODEL_FILE|starter --data DIR[,DIR...] [--json OUT.json] [--cache DIR]
 * Per trait: n scored, accuracy (answered cells), balanced accuracy, macro-F1, confusion matrix, abstention
 * rate, expected calibration error and the majority-class baseline. Only labelled cells are scored.
 */
import * as fs from 'node:fs';
import { deserializeArtefact, loadStarterArtefact, starterModelPath } from '../ml/artefact';
import { assertCompatible } from '../ml/engine';
import { evaluate } from '../ml/evaluate';
import { defaultCacheRoot } from '../ml/feature-cache';
import { parseArgs } from './ml-args';
import { output, poolExtractor, runMain, samplesFromDirs, splitDirs } from './ml-common';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.model !== 'string') throw new Error('--model MODEL_FILE|starter is required');
  const dirs = splitDirs(args.data);
  const file = args.model === 'starter' ? starterModelPath() : args.model;
  const bytes = args.model === 'starter' ? loadStarterArtefact() : fs.readFileSync(file);
  const artefact = deserializeArtefact(bytes);
  const extractor = await poolExtractor();
  assertCompatible(artefact, extractor.version, extractor.dim);
  const { samples, stats } = await samplesFromDirs(dirs, extractor, typeof args.cache === 'string' ? args.cache : defaultCacheRoot());
  await extractor.close();
  const report = evaluate(artefact, samples);
  output(
    {
      ...report,
      model: { file, createdAt: artefact.createdAt, featureVersion: artefact.featureVersion, trainedOn: artefact.training.datasets ?? null },
      data: dirs,
      extraction: stats,
    },
    args.json,
  );
});
