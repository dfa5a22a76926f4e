/**
 * The snapshot's predictions pass reads the collection batch by batch (2,000 a batch, asking for the next one
 * before counting the current one). Against the real FerretDB/MongoDB: an empty collection, an exact multiple of
 * the batch size and a partial last batch each count every prediction exactly once, with the same groups and
 * feedback accuracy as counting the inserted documents one by one.
 */
import { MongoClient } from 'mongodb';
import { startTestApp, TestApp } from '../support/test-app';
import { PredictionsService } from '../../src/modules/predictions/predictions.service';
import { scoreFeedback } from '../../src/modules/predictions/domain/feedback';

jest.setTimeout(180_000);

const COLOURS = ['blue', 'red', 'cream', null] as const;
const REVIEWS = ['none', 'accepted', 'rejected', undefined] as const;

/** Deterministic predictions with every shape the snapshot meets (missing review fields, null traits, feedback or not). */
function predictions(from: number, n: number) {
  const day0 = Date.UTC(2026, 0, 10);
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const userReview = REVIEWS[i % 4];
    const adminReview = REVIEWS[(i >> 2) % 4];
    const isCat = i % 7 !== 0;
    return {
      _id: `batch-test-${String(i).padStart(6, '0')}`,
      modelId: `model-${i % 3}`,
      predicted: isCat
        ? { is_cat: true, colour: COLOURS[i % 4], pattern: i % 5 ? 'self' : null, is_tabby: i % 2 === 0, is_pointed: false }
        : { is_cat: false, colour: null, pattern: null, is_tabby: null, is_pointed: null },
      ...(userReview === undefined ? {} : { userReview }),
      ...(adminReview === undefined ? {} : { adminReview }),
      feedback: i % 3 === 0 ? null : { accepted: i % 3 === 1, correction: i % 3 === 2 ? { colour: 'lilac' } : null, createdAt: new Date(day0) },
      createdAt: new Date(day0 + (i % 4) * 86_400_000 + 3_600_000),
      updatedAt: new Date(day0),
    };
  });
}

type Doc = ReturnType<typeof predictions>[number];

/** What the snapshot should find, counted one document at a time. */
function expected(docs: Doc[]) {
  const counts = new Map<string, number>();
  const feedback = new Map<string, { scored: number; correct: number }>();
  for (const d of docs) {
    const key = JSON.stringify([d.predicted, d.modelId, d.userReview ?? 'none', d.adminReview ?? 'none']);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!d.feedback) continue;
    for (const o of scoreFeedback(d.predicted as never, d.feedback as never)) {
      const fkey = `${d.modelId}|${d.createdAt.toISOString().slice(0, 10)}|${o.trait}`;
      const row = feedback.get(fkey) ?? { scored: 0, correct: 0 };
      row.scored++;
      if (o.correct) row.correct++;
      feedback.set(fkey, row);
    }
  }
  return { counts, feedback };
}

describe('reporting snapshot: predictions read batch by batch', () => {
  let t: TestApp;
  let mongo: MongoClient;
  const inserted: Doc[] = [];

  const insert = async (from: number, n: number) => {
    const docs = predictions(from, n);
    await mongo.db().collection('predictions').insertMany(docs as never[]);
    inserted.push(...docs);
  };
  const check = async () => {
    const facts = await t.app.get(PredictionsService).snapshotFacts();
    const want = expected(inserted);
    const counts = new Map(facts.counts.map((c) => [JSON.stringify([c.label, c.modelId, c.userReview, c.adminReview]), c.count]));
    expect(facts.counts).toHaveLength(counts.size); // no group twice
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(want.counts));
    expect(facts.counts.reduce((s, c) => s + c.count, 0)).toBe(inserted.length);
    const feedback = new Map(facts.feedback.map((f) => [`${f.modelId}|${f.day}|${f.trait}`, { scored: f.scored, correct: f.correct }]));
    expect(facts.feedback).toHaveLength(feedback.size);
    expect(Object.fromEntries(feedback)).toEqual(Object.fromEntries(want.feedback));
  };

  beforeAll(async () => {
    t = await startTestApp('snapshot-batches');
    mongo = new MongoClient(t.env.env.MONGO_URL);
    await mongo.connect();
  });

  afterAll(async () => {
    await mongo?.close();
    await t?.close();
  });

  it('counts nothing in an empty collection', async () => {
    await check();
    expect((await t.app.get(PredictionsService).snapshotFacts()).counts).toEqual([]);
  });

  it('counts an exact multiple of the batch size once each', async () => {
    await insert(0, 4000);
    await check();
  });

  it('counts a partial last batch', async () => {
    await insert(4000, 321);
    await check();
  });
});
