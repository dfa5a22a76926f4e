import { Prediction } from '../app/shared/models/prediction';
import { AdminPrediction } from '../app/admin/predictions/predictions-api';
import { FALLBACK_VOCABULARY } from '../app/shared/models/vocabulary-fallback';
import { Vocabulary } from '../app/shared/models/vocabulary';

/** Test data shared by specs (not part of the app bundle). */
export function catPrediction(overrides: Partial<Prediction> = {}): Prediction {
  return {
    id: 'p1',
    modelId: 'm1',
    createdAt: '2026-01-01T10:00:00.000Z',
    imageUrl: '/api/predictions/p1/image',
    traits: {
      is_cat: { value: true, confidence: 0.99, unsure: false },
      colour: { value: 'blue', confidence: 0.91, unsure: false },
      pattern: { value: 'bicolour', confidence: 0.52, unsure: true },
      is_tabby: { value: false, confidence: 0.88, unsure: false },
      is_pointed: { value: false, confidence: 0.97, unsure: false },
    },
    breederCode: 'BSH a 03',
    breederName: 'Blue bicolour',
    feedback: null,
    ...overrides,
  };
}

export function notCatPrediction(): Prediction {
  const p = catPrediction({ id: 'p2', breederCode: null, breederName: null });
  p.traits.is_cat = { value: false, confidence: 0.94, unsure: false };
  return p;
}

/** The server vocabulary, with a recognisable explanation so specs can tell it from the fallback. */
export function serverVocabulary(): Vocabulary {
  const v: Vocabulary = structuredClone(FALLBACK_VOCABULARY);
  const blue = v.traits.find((t) => t.name === 'colour')!.values.find((x) => x.value === 'blue')!;
  blue.explanation = 'Server says: a soft grey-blue coat.';
  return v;
}

/** A File whose first bytes are a JPEG signature. */
export function jpegFile(name = 'cat.jpg', size = 1000): File {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return new File([bytes], name, { type: 'image/jpeg' });
}

/** A prediction as the admin review list serves it: a blue cat, pattern a best guess, no feedback, not reviewed. */
export function adminPrediction(id = 'p1', over: Partial<AdminPrediction> = {}): AdminPrediction {
  return {
    id,
    modelId: 'm1',
    createdAt: '2026-01-01T00:00:00.000Z',
    imageUrl: `/api/predictions/${id}/image`,
    traits: {
      is_cat: { value: true, confidence: 0.99, unsure: false },
      colour: { value: 'blue', confidence: 0.8, unsure: false },
      pattern: { value: 'self', confidence: 0.4, unsure: true },
      is_tabby: { value: false, confidence: 0.9, unsure: false },
      is_pointed: { value: false, confidence: 0.95, unsure: false },
    },
    breederCode: 'BSH a',
    breederName: 'Blue',
    feedback: null,
    userReview: 'none',
    adminReview: 'none',
    adminHasReviewed: false,
    adminFeedback: null,
    review: null,
    trainingImageId: null,
    width: 100,
    height: 100,
    ...over,
  };
}
