import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { FilterQuery } from 'mongoose';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { BlobStore } from '../../infra/mongo/blob-store';
import { engineErrorToHttp } from '../../common/engine-errors';
import { AuthUser } from '../../common/current-user.decorator';
import { EMPTY_LABEL, inspectImage, mergeLabel, normaliseLabel, PhenotypeLabel, sha256, toDisplayJpeg, TRAIT_NAMES, TraitName } from '../../ml';
import { EngineService } from '../engine/engine.service';
import { TrainingImagesService } from '../images/training-images.service';
import { PredictionsRepository, SnapshotPrediction } from './predictions.repository';
import { Prediction } from './schemas/prediction.schema';
import { labelFromTraits, queueRankFor, scoreFeedback } from './domain/feedback';
import { ListPredictionsQuery } from './dto/feedback.dto';
import type { AdminPredictionsPage, AdminPredictionView, BulkReviewResult, CreatedPredictionView, PredictionView, ReviewResultView, TrainingSetOutcome } from '../../contracts/predictions';

export type { AdminPredictionView, PredictionView };

const DISPLAY_MAX_SIDE = 1280;

export interface SnapshotCount {
  label: PhenotypeLabel;
  modelId: string;
  userReview: 'none' | 'accepted' | 'rejected';
  adminReview: 'none' | 'accepted' | 'rejected';
  count: number;
}

export interface FeedbackAccuracy {
  modelId: string;
  day: string;
  trait: TraitName;
  scored: number;
  correct: number;
}

/** The shorter side below which a photo cannot show a coat (a breeder's thumbnail, an icon). */
export const MIN_PHOTO_SIDE = 64;

@Injectable()
export class PredictionsService {
  constructor(
    private readonly repo: PredictionsRepository,
    private readonly blobs: BlobStore,
    private readonly engine: EngineService,
    private readonly trainingImages: TrainingImagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the model answering breeders can tell, for the upload page. */
  currentModel() {
    return this.engine.currentModel();
  }

  /**
   * Validates the photo by content, runs the active model, then stores the original, a display copy and the
   * prediction. The model runs before anything is stored, so a bad image or a failing engine stores nothing.
   */
  async create(file: Express.Multer.File | undefined): Promise<CreatedPredictionView> {
    if (!file) throw new BadRequestException('Choose a photo to upload (multipart form field "image").');
    const bytes = file.buffer;
    const limits = { maxBytes: this.config.uploads.maxImageBytes, maxPixels: this.config.uploads.maxImagePixels };
    let info: Awaited<ReturnType<typeof inspectImage>>;
    let result: Awaited<ReturnType<EngineService['predict']>>;
    let display: { bytes: Buffer; width: number; height: number };
    try {
      info = await inspectImage(bytes, limits);
      if (Math.min(info.width, info.height) < MIN_PHOTO_SIDE) {
        throw new UnprocessableEntityException(
          `The photo is only ${info.width}x${info.height} pixels: too small to see the coat. Send a photo at least ${MIN_PHOTO_SIDE} pixels on its shorter side.`,
        );
      }
      // Both decode the photo: run them side by side. When both fail, the caller's bad image (4xx) is the
      // answer that helps, not "no model" (503).
      const [r, d] = await Promise.allSettled([this.engine.predict(bytes), toDisplayJpeg(bytes, DISPLAY_MAX_SIDE, limits)]);
      if (d.status === 'rejected') throw d.reason;
      if (r.status === 'rejected') throw r.reason;
      [result, display] = [r.value, d.value];
    } catch (err) {
      throw engineErrorToHttp(err);
    }

    const id = randomBytes(16).toString('base64url');
    const answerToken = randomBytes(18).toString('base64url');
    const stored: string[] = [];
    try {
      const imageBlobId = await this.blobs.put('images', bytes, `prediction-${id}.${info.format}`, `image/${info.format}`, { predictionId: id });
      stored.push(imageBlobId);
      const displayBlobId = await this.blobs.put('images', display.bytes, `prediction-${id}-display.jpg`, 'image/jpeg', { predictionId: id });
      stored.push(displayBlobId);
      const doc = await this.repo.create({
        _id: id,
        imageBlobId,
        displayBlobId,
        sha256: sha256(bytes),
        width: display.width,
        height: display.height,
        modelId: result.modelId,
        traits: result.traits,
        predicted: labelFromTraits(result.traits),
        breederCode: result.breederCode,
        breederName: result.breederName,
        unlearnt: result.unlearnt,
        feedback: null,
        userReview: 'none',
        adminReview: 'none',
        queueRank: queueRankFor('none'),
        review: null,
        trainingImageId: null,
        answerTokenHash: sha256(Buffer.from(answerToken)),
      });
      return { ...toView(doc.toObject() as Prediction), answerToken };
    } catch (err) {
      await this.blobs.deleteMany('images', stored).catch(() => undefined);
      throw err;
    }
  }

  async get(id: string): Promise<PredictionView> {
    return toView(await this.find(id));
  }

  async imageStream(id: string, which: 'display' | 'original' = 'display') {
    const p = await this.find(id);
    return this.blobs.openStream('images', which === 'display' ? p.displayBlobId : p.imageBlobId);
  }

  /**
   * Feedback is accepted once per prediction, from its uploader only (the answer token handed out with the result;
   * predictions stored before tokens existed take any answer); a second attempt is a 409.
   */
  async feedback(id: string, accepted: boolean, rawCorrection?: Record<string, unknown>, answerToken?: string): Promise<PredictionView> {
    const p = await this.find(id);
    if (p.answerTokenHash && !tokenMatches(answerToken, p.answerTokenHash)) {
      throw new ForbiddenException('Only the person who uploaded this photo can say whether the result is right (from the browser they used).');
    }
    if (p.feedback) throw new ConflictException('Feedback for this result was already received. Thank you!');
    let correction: Partial<PhenotypeLabel> | null = null;
    if (rawCorrection && Object.keys(rawCorrection).length) {
      correction = pickKeys(validLabel(rawCorrection), Object.keys(rawCorrection) as TraitName[]);
    }
    const userReview = accepted ? 'accepted' : 'rejected';
    const ok = await this.repo.updateIf(
      id,
      { feedback: null },
      { feedback: { accepted, correction, createdAt: new Date() }, userReview, queueRank: queueRankFor(userReview) },
    );
    if (!ok) throw new ConflictException('Feedback for this result was already received. Thank you!');
    return this.get(id);
  }

  // ---- admin review --------------------------------------------------------------------------------

  async list(q: ListPredictionsQuery): Promise<AdminPredictionsPage> {
    const filter: FilterQuery<Prediction> = {};
    if (q.feedback) filter.userReview = q.feedback;
    if (q.review === 'reviewed') filter.adminReview = { $in: ['accepted', 'rejected'] };
    else if (q.review) filter.adminReview = q.review;
    if (q.modelId) filter.modelId = q.modelId;
    // Trait filters match the predicted label; "unknown" matches an unsure (null) answer.
    const asked = TRAIT_NAMES.filter((t) => q[t] !== undefined && q[t] !== '');
    const traitFilter = validLabel(Object.fromEntries(asked.filter((t) => q[t] !== 'unknown').map((t) => [t, q[t]])));
    for (const t of asked) filter[`predicted.${t}`] = q[t] === 'unknown' ? null : traitFilter[t];
    if (q.from || q.to) {
      const createdAt: Record<string, Date> = {};
      if (q.from) createdAt.$gte = new Date(`${q.from}T00:00:00.000Z`);
      if (q.to) createdAt.$lt = new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + 86_400_000);
      if (q.from && q.to && q.from > q.to) throw new BadRequestException(`from (${q.from}) is after to (${q.to}); swap them or widen the range`);
      filter.createdAt = createdAt;
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 25;
    const { items, total } = await this.repo.page(filter, (page - 1) * pageSize, pageSize);
    return { items: (await this.dropDeletedLinks(items)).map(toAdminView), total, page, pageSize };
  }

  async adminGet(id: string): Promise<AdminPredictionView> {
    return toAdminView(await this.findForAdmin(id));
  }

  /**
   * An admin's decision. "accept" confirms the prediction (label = what it said, unsure → unknown; a label
   * given with accept patches it). "reject" takes the admin's correction, applied to what the model said: the
   * traits the admin names replace the predicted ones. With addToTraining the image (same GridFS blob, no copy)
   * and label go into the training set once, however often (or however concurrently) the button is pressed.
   */
  async review(
    id: string,
    decision: 'accept' | 'reject',
    rawLabel: Record<string, unknown> | undefined,
    addToTraining: boolean,
    actor: AuthUser,
  ): Promise<ReviewResultView> {
    checkReviewInput(decision, rawLabel, addToTraining);
    const { view, trainingSet } = await this.reviewOne(await this.findForAdmin(id), decision, rawLabel, addToTraining, actor);
    return trainingSet ? { ...view, trainingSet } : view;
  }

  /** The same decision for many predictions. Inputs are checked before anything changes. */
  async bulkReview(
    ids: string[],
    decision: 'accept' | 'reject',
    rawLabel: Record<string, unknown> | undefined,
    addToTraining: boolean,
    actor: AuthUser,
  ): Promise<BulkReviewResult> {
    checkReviewInput(decision, rawLabel, addToTraining);
    const unique = [...new Set(ids)];
    const found = await this.dropDeletedLinks(await this.repo.findMany(unique));
    const notFound = unique.filter((i) => !found.some((f) => f._id === i));
    // Compute every label first: one bad combination (e.g. a coat colour on a "not a cat" prediction) stops the batch before any write.
    const planned = found.map((p) => ({ p, label: reviewLabel(p, decision, rawLabel) }));
    for (const { p, label } of planned) assertLabelStillEditable(p, label);
    const results: BulkReviewResult['results'] = [];
    for (const { p } of planned) {
      const { view: r } = await this.reviewOne(p, decision, rawLabel, addToTraining, actor);
      results.push({ id: r.id, adminReview: r.adminReview, trainingImageId: r.trainingImageId });
    }
    return { reviewed: results.length, notFound, results };
  }

  private async reviewOne(
    p: Prediction,
    decision: 'accept' | 'reject',
    rawLabel: Record<string, unknown> | undefined,
    addToTraining: boolean,
    actor: AuthUser,
  ): Promise<{ view: AdminPredictionView; trainingSet: TrainingSetOutcome | null }> {
    const label = reviewLabel(p, decision, rawLabel);
    assertLabelStillEditable(p, label);
    const adminReview = decision === 'accept' ? 'accepted' : 'rejected';
    await this.repo.updateIf(p._id, {}, { adminReview, review: { decision, label, reviewedBy: actor.username, reviewedAt: new Date() } });

    let trainingSet: TrainingSetOutcome | null = null;
    if (addToTraining) {
      let added: { id: string; created: boolean; labelApplied: boolean };
      try {
        added = await this.trainingImages.addFromPrediction({
          predictionId: p._id,
          blobId: p.imageBlobId,
          sha256: p.sha256,
          width: p.width,
          height: p.height,
          label,
          userId: actor.id,
        });
      } catch (err) {
        throw engineErrorToHttp(err);
      }
      if (added.id && p.trainingImageId !== added.id) await this.repo.updateIf(p._id, {}, { trainingImageId: added.id });
      trainingSet = added.created ? 'added' : added.labelApplied ? 'existing-labelled' : 'existing-kept';
    }
    return { view: await this.adminGet(p._id), trainingSet };
  }

  // ---- for the reporting snapshot ----------------------------------------------------------------------

  /**
   * Everything the reporting snapshot needs from predictions, in ONE pass over the collection: counts per
   * predicted label × model × user/admin review status, and real-world accuracy from breeders' feedback
   * per model, day (of the prediction) and trait.
   */
  async snapshotFacts(): Promise<{ counts: SnapshotCount[]; feedback: FeedbackAccuracy[] }> {
    const counts = new Map<string, SnapshotCount>();
    const feedback = new Map<string, FeedbackAccuracy>();
    const count = (p: SnapshotPrediction): void => {
      const label = {
        is_cat: p.predicted?.is_cat ?? null,
        colour: p.predicted?.colour ?? null,
        pattern: p.predicted?.pattern ?? null,
        is_tabby: p.predicted?.is_tabby ?? null,
        is_pointed: p.predicted?.is_pointed ?? null,
      };
      const userReview = p.userReview ?? 'none';
      const adminReview = p.adminReview ?? 'none';
      const key = JSON.stringify([label, p.modelId, userReview, adminReview]);
      const c = counts.get(key);
      if (c) c.count++;
      else counts.set(key, { label, modelId: p.modelId, userReview, adminReview, count: 1 });

      if (!p.feedback) return;
      const day = new Date(p.createdAt).toISOString().slice(0, 10);
      for (const o of scoreFeedback(label, p.feedback)) {
        const fkey = `${p.modelId}|${day}|${o.trait}`;
        const row = feedback.get(fkey) ?? { modelId: p.modelId, day, trait: o.trait, scored: 0, correct: 0 };
        row.scored++;
        if (o.correct) row.correct++;
        feedback.set(fkey, row);
      }
    };
    // Batch by batch, asking for the next batch before counting the current one: the database prepares it
    // while this process counts (a plain for-await asks only when the batch is used up, so the two waited on
    // each other).
    const cursor = this.repo.snapshotCursor();
    try {
      let more = cursor.hasNext();
      while (await more) {
        const batch = cursor.readBufferedDocuments();
        more = cursor.hasNext();
        more.catch(() => undefined); // a failure is thrown by the await above, after this batch
        await new Promise<void>((resolve) => setImmediate(resolve)); // lets the driver send the request first
        for (const p of batch) count(p);
      }
    } finally {
      await cursor.close();
    }
    return { counts: [...counts.values()], feedback: [...feedback.values()] };
  }

  async countForSnapshot(): Promise<SnapshotCount[]> {
    return (await this.snapshotFacts()).counts;
  }

  async feedbackAccuracy(): Promise<FeedbackAccuracy[]> {
    return (await this.snapshotFacts()).feedback;
  }

  private async findForAdmin(id: string): Promise<Prediction> {
    const [p] = await this.dropDeletedLinks([await this.find(id)]);
    return p;
  }

  /**
   * A prediction whose training image an admin has deleted since is no longer "in the training set": the link
   * goes, so the prediction can be reviewed (and added) again instead of pointing at an image that is gone.
   */
  private async dropDeletedLinks(ps: Prediction[]): Promise<Prediction[]> {
    const linked = ps.filter((p) => p.trainingImageId);
    if (!linked.length) return ps;
    const live = await this.trainingImages.existingIds(linked.map((p) => p.trainingImageId!));
    for (const p of linked) {
      if (live.has(p.trainingImageId!)) continue;
      await this.repo.updateIf(p._id, { trainingImageId: p.trainingImageId }, { trainingImageId: null });
      p.trainingImageId = null;
    }
    return ps;
  }

  private async find(id: string): Promise<Prediction> {
    const p = typeof id === 'string' && /^[A-Za-z0-9_-]{10,64}$/.test(id) ? await this.repo.findById(id) : null;
    if (!p) throw new NotFoundException('No result with this link. It may have been mistyped.');
    return p;
  }
}

function validLabel(raw: Record<string, unknown>): PhenotypeLabel {
  try {
    return normaliseLabel(raw);
  } catch (err) {
    throw engineErrorToHttp(err);
  }
}

function checkReviewInput(decision: 'accept' | 'reject', rawLabel: Record<string, unknown> | undefined, addToTraining: boolean): void {
  if (decision === 'reject' && addToTraining && (!rawLabel || !Object.keys(rawLabel).length)) {
    throw new BadRequestException('Give the corrected label (e.g. {"colour": "lilac"}) when rejecting a prediction you add to the training set.');
  }
  if (rawLabel) validLabel(rawLabel); // names a bad trait or value before anything is stored
}

/** The label an admin decision stands for (see review()). */
function reviewLabel(p: Prediction, decision: 'accept' | 'reject', rawLabel: Record<string, unknown> | undefined): PhenotypeLabel {
  const hasPatch = !!rawLabel && Object.keys(rawLabel).length > 0;
  if (!hasPatch) return decision === 'accept' ? p.predicted : { ...EMPTY_LABEL };
  try {
    return mergeLabel(p.predicted, pickGiven(rawLabel!));
  } catch (err) {
    throw engineErrorToHttp(err);
  }
}

/** The given traits, normalised (null/"" = unknown), without the ones not mentioned. */
function pickGiven(raw: Record<string, unknown>): Partial<PhenotypeLabel> {
  const full = normaliseLabel(raw);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) out[k] = full[k as TraitName];
  return out as Partial<PhenotypeLabel>;
}

/**
 * Once a prediction's photo is in the training set, its label lives there (the training images table edits
 * it). Pressing review again with the same label is harmless; changing the label here would silently
 * disagree with the training set, so it is refused with a pointer to where to change it.
 */
function assertLabelStillEditable(p: Prediction, label: PhenotypeLabel): void {
  if (!p.trainingImageId || !p.review) return;
  const same = TRAIT_NAMES.every((t) => (p.review!.label?.[t] ?? null) === (label[t] ?? null));
  if (!same) {
    throw new ConflictException(
      `This prediction is already in the training set (image ${p.trainingImageId}) with the label it was added with. ` +
        'Change the label in the training images table instead.',
    );
  }
}

function pickKeys(label: PhenotypeLabel, keys: TraitName[]): Partial<PhenotypeLabel> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = label[k];
  if (label.is_cat === false) for (const t of TRAIT_NAMES) out[t] = label[t];
  return out as Partial<PhenotypeLabel>;
}

function tokenMatches(token: string | undefined, hash: string): boolean {
  if (typeof token !== 'string' || !token) return false;
  const a = Buffer.from(sha256(Buffer.from(token)), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function toView(p: Prediction): PredictionView {
  return {
    id: p._id,
    modelId: p.modelId,
    createdAt: new Date(p.createdAt).toISOString(),
    imageUrl: `/api/predictions/${p._id}/image`,
    traits: p.traits,
    breederCode: p.breederCode,
    breederName: p.breederName,
    ...(p.unlearnt ? { unlearnt: p.unlearnt } : {}),
    feedback: p.feedback
      ? { accepted: p.feedback.accepted, correction: p.feedback.correction, createdAt: new Date(p.feedback.createdAt).toISOString() }
      : null,
  };
}

function toAdminView(p: Prediction): AdminPredictionView {
  return {
    ...toView(p),
    userReview: p.userReview,
    adminReview: p.adminReview,
    adminHasReviewed: p.adminReview !== 'none',
    adminFeedback: p.review?.decision ?? null,
    review: p.review ? { ...p.review, reviewedAt: new Date(p.review.reviewedAt).toISOString() } : null,
    trainingImageId: p.trainingImageId,
    width: p.width,
    height: p.height,
  };
}
