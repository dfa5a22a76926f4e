import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { BlobStore } from '../../infra/mongo/blob-store';
import { deserializeArtefact, FEATURE_VERSION, sha256, TRAIT_NAMES, unlearntValues } from '../../ml';
import { ModelDetailView, ModelSummaryView, StoredModel, toDetailView, toSummaryView } from './domain/model-view';
import { ModelsRepository } from './models.repository';
import { PredictionModelDocument } from './schemas/prediction-model.schema';

/** What a finished training run hands to the registry. */
export interface RegisterTrainedModelInput {
  trainingRunId: string;
  name: string;
  artefactFileId: string;
  featureVersion: string;
  metrics: Record<string, unknown>;
  datasetSummary: Record<string, unknown>;
  trainingOptions: Record<string, unknown>;
  startedBy: string | null;
  startedByName: string | null;
  trainingStartedAt: Date;
  trainingEndedAt: Date;
  loss: number | null;
  accuracy: number | null;
}

export interface ActiveModel {
  id: string;
  artefact: Buffer;
}

/** The model registry: what models exist, which one is active, and their artefacts. */
/** Appended to the name of a bundled starter that a later release replaced. */
const OLDER_STARTER = ' — earlier release';

@Injectable()
export class ModelsService {
  private readonly logger = new Logger(ModelsService.name);
  /** The active model's coverage, kept per model id (activeCoverage). */
  private coverage: { id: string; value: Pick<ModelDetailView, 'answers' | 'unlearnt'> } | null = null;

  constructor(
    private readonly repo: ModelsRepository,
    private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  getActiveModelId(): Promise<string | null> {
    return this.repo.getActiveModelId();
  }

  async getActiveModel(): Promise<ActiveModel | null> {
    const id = await this.repo.getActiveModelId();
    if (!id) return null;
    return { id, artefact: await this.getArtefact(id) };
  }

  /**
   * What the active model can answer (read from its artefact once per model and kept: a model's heads never change).
   * Null when no model is active.
   */
  async activeCoverage(): Promise<Pick<ModelDetailView, 'answers' | 'unlearnt'> | null> {
    const id = await this.repo.getActiveModelId();
    if (!id) return null;
    if (this.coverage?.id === id) return this.coverage.value;
    const model = await this.repo.findById(id);
    if (!model) return null;
    const value = await this.headsOf(model.artefactFileId);
    if (value.answers) this.coverage = { id, value }; // an unreadable file is read again next time
    return value;
  }

  async getArtefact(modelId: string): Promise<Buffer> {
    const model = await this.repo.findById(modelId);
    if (!model) throw new NotFoundException(`No model with id "${modelId}".`);
    return this.blobs.get('models', model.artefactFileId);
  }

  findById(id: string): Promise<PredictionModelDocument | null> {
    return this.repo.findById(id);
  }

  /** Newest first, with headline metrics per trait and which one is active. */
  async list(): Promise<ModelSummaryView[]> {
    const [models, activeId] = await Promise.all([this.repo.list(), this.repo.getActiveModelId()]);
    return models.map((m) => toSummaryView(ModelsRepository.toPlain(m) as unknown as StoredModel, activeId));
  }

  async detail(id: string): Promise<ModelDetailView> {
    const model = await this.repo.findById(id);
    if (!model) throw new NotFoundException(`No model with id "${id}". Pick one from the models list.`);
    const [pointer, heads] = await Promise.all([this.repo.getActivePointer(), this.headsOf(model.artefactFileId)]);
    return toDetailView(ModelsRepository.toPlain(model) as unknown as StoredModel, pointer, heads);
  }

  /**
   * Which traits the model answers and which colours/patterns it cannot, read from its artefact's heads (null when
   * the stored file is missing or unreadable).
   */
  private async headsOf(artefactFileId: string): Promise<Pick<ModelDetailView, 'answers' | 'unlearnt'>> {
    try {
      const artefact = deserializeArtefact(await this.blobs.get('models', artefactFileId));
      return { answers: TRAIT_NAMES.filter((t) => artefact.heads[t]), unlearnt: unlearntValues(artefact) };
    } catch {
      return { answers: null, unlearnt: null };
    }
  }

  /**
   * Makes this model the one predictions use (also how a roll-back works: activate an older model).
   * One write of the pointer document; every API process picks it up within ~2 s without a restart.
   */
  async activate(id: string, activatedBy: string | null): Promise<ModelDetailView> {
    const model = await this.repo.findById(id);
    if (!model) throw new NotFoundException(`No model with id "${id}". Pick one from the models list.`);
    if (model.featureVersion !== FEATURE_VERSION) {
      throw new ConflictException(
        `Model "${model.name}" was trained on image features "${model.featureVersion}", but this engine computes ` +
          `"${FEATURE_VERSION}". Train a new model instead of activating this one.`,
      );
    }
    if (!(await this.blobs.info('models', model.artefactFileId))) {
      throw new ConflictException(`The stored file of model "${model.name}" is missing, so it cannot be activated. Train a new model.`);
    }
    await this.repo.setActiveModelId(String(model._id), activatedBy);
    this.logger.log(`Model ${String(model._id)} ("${model.name}") activated${activatedBy ? ` by ${activatedBy}` : ''}.`);
    return this.detail(String(model._id));
  }

  /**
   * Registers a trained model whose artefact is already saved. Idempotent per training run: a retried job
   * gets the model registered the first time instead of a duplicate.
   */
  async registerTrainedModel(input: RegisterTrainedModelInput): Promise<{ id: string; created: boolean }> {
    const existing = await this.repo.findByTrainingRunId(input.trainingRunId);
    if (existing) return { id: String(existing._id), created: false };
    const model = await this.repo.create({ ...input, isStarter: false });
    return { id: String(model._id), created: true };
  }

  findByTrainingRunId(runId: string): Promise<PredictionModelDocument | null> {
    return this.repo.findByTrainingRunId(runId);
  }

  /**
   * The starter model from the engine is the first model when the registry is empty.
   * Idempotent: called at every API start.
   */
  async ensureStarterModel(): Promise<string | null> {
    await this.registerBundledStarter();
    const activeId = await this.repo.getActiveModelId();
    const active = activeId ? await this.repo.findById(activeId) : null;
    if (active && active.featureVersion === FEATURE_VERSION) return activeId;

    // No usable active model: the newest compatible one (the bundled starter when nothing else fits).
    const compatible = (await this.repo.list()).filter((m) => m.featureVersion === FEATURE_VERSION);
    const next = compatible[0] ?? null;
    if (!next) {
      if (active) this.logger.error(`The active model ${activeId} needs image features "${active.featureVersion}" but this engine computes "${FEATURE_VERSION}", and no compatible model exists; retrain.`);
      return activeId;
    }
    await this.repo.setActiveModelId(String(next._id));
    if (active) {
      this.logger.warn(
        `The active model "${active.name}" was trained on image features "${active.featureVersion}" but this engine computes ` +
          `"${FEATURE_VERSION}"; switched to "${next.name}". Retrain to use your own data again.`,
      );
    } else {
      this.logger.log(`Active model is now "${next.name}" (${String(next._id)}).`);
    }
    return String(next._id);
  }

  /**
   * Registers the starter model shipped with this release (once per file: a release whose starter changed
   * registers the new one), so a fresh install — and an upgrade whose engine computes new features — always has a
   * model that works. While an older bundled starter is the active model, this release's takes its place.
   */
  private async registerBundledStarter(): Promise<string | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.config.ml.starterModelPath);
    } catch {
      this.logger.warn(`No starter model at ${this.config.ml.starterModelPath}; predictions stay unavailable until a model is trained.`);
      return null;
    }
    const artefact = deserializeArtefact(bytes);
    if (artefact.featureVersion !== FEATURE_VERSION) {
      this.logger.error(`The bundled starter model was built for features "${artefact.featureVersion}", not "${FEATURE_VERSION}"; run npm run ml:starter.`);
      return null;
    }
    const sha = sha256(bytes);
    const models = await this.repo.list();
    const existing = models.find((m) => m.isStarter && m.featureVersion === artefact.featureVersion && m.starterSha256 === sha);
    if (existing) {
      await this.markOlderStarters(models, String(existing._id));
      return String(existing._id);
    }
    const fileId = await this.blobs.put('models', bytes, 'starter.model', 'application/octet-stream', { starter: true });
    const model = await this.repo.create({
      name: 'Starter model (Oxford-IIIT Pet sample)',
      artefactFileId: fileId,
      featureVersion: artefact.featureVersion,
      isStarter: true,
      starterSha256: sha,
      metrics: (artefact.metrics?.traits as Record<string, unknown>) ?? {},
      datasetSummary: (artefact.training as unknown as Record<string, unknown>) ?? {},
    });
    this.logger.log(`Registered the bundled starter model as ${String(model._id)}.`);
    await this.markOlderStarters(models, String(model._id));
    const activeId = await this.repo.getActiveModelId();
    const active = activeId ? models.find((m) => String(m._id) === activeId) : undefined;
    if (active?.isStarter) {
      await this.repo.setActiveModelId(String(model._id));
      this.logger.log(`This release's starter model replaces the older starter as the active model.`);
    }
    return String(model._id);
  }

  /** The older starters keep their records (predictions name them) under a name that tells them apart. */
  private async markOlderStarters(models: PredictionModelDocument[], currentId: string): Promise<void> {
    for (const old of models.filter((m) => m.isStarter && String(m._id) !== currentId && !m.name.endsWith(OLDER_STARTER))) {
      await this.repo.rename(String(old._id), `${old.name}${OLDER_STARTER}`);
    }
  }

  async listForReporting(): Promise<
    Array<{ id: string; name: string; isStarter: boolean; createdAt: Date; trainingStartedAt: Date | null; trainingEndedAt: Date | null; metrics: Record<string, unknown>; loss: number | null; accuracy: number | null }>
  > {
    return (await this.repo.list()).map((m) => ({
      id: String(m._id),
      name: m.name,
      isStarter: !!m.isStarter,
      createdAt: m.createdAt,
      trainingStartedAt: m.trainingStartedAt ?? null,
      trainingEndedAt: m.trainingEndedAt ?? null,
      metrics: m.metrics ?? {},
      loss: m.loss ?? null,
      accuracy: m.accuracy ?? null,
    }));
  }
}
