import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { BlobStore } from '../../infra/mongo/blob-store';
import { ImportUploadsPayload, ImportZipPayload, JobName, QueueName } from '../../infra/queue/queues';
import { LabelError } from '../../ml/errors';
import { toThumbnail } from '../../ml/image-io';
import { Colour, Pattern, PhenotypeLabel } from '../../ml/vocabulary';
import { BalanceDto, summariseBalance } from './domain/balance';
import { ImageFilter, ImageSource, filterToQuery, parseDateBound, parseEnumOrUnknown, parseTriState } from './domain/image-filter';
import { planLabelSet } from './domain/label-update';
import { looksLikeZip } from './domain/zip-entries';
import { BulkLabelDto, ImageFilterDto, ImageSelectionDto, ListTrainingImagesQueryDto } from './dto/training-images.dto';
import { TrainingImagesRepository } from './training-images.repository';
import { THUMBNAIL_SIZE } from './training-images.service';
import { TrainingImage } from './schemas/training-image.schema';
import type { BulkLabelResult, DeleteResult, TrainingImagesPage, TrainingImageView } from '../../contracts/training-images';

export type { TrainingImageView };

export interface SpooledFile {
  path: string;
  originalname: string;
}

const SORT_PATHS: Record<string, string> = {
  createdAt: 'createdAt',
  labelledAt: 'labelledAt',
  source: 'source',
  originalName: 'originalName',
  width: 'width',
  height: 'height',
  is_cat: 'label.is_cat',
  colour: 'label.colour',
  pattern: 'label.pattern',
  is_tabby: 'label.is_tabby',
  is_pointed: 'label.is_pointed',
};

/** The admin's training-data studio: list, label, delete, balance, uploads handed to the import worker. */
@Injectable()
export class ImagesAdminService {
  private readonly logger = new Logger(ImagesAdminService.name);

  constructor(
    private readonly repo: TrainingImagesRepository,
    private readonly blobs: BlobStore,
    @InjectQueue(QueueName.Imports) private readonly imports: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---------------------------------------------------------------- uploads

  async enqueueZip(file: SpooledFile | undefined, userId: string): Promise<{ jobId: string }> {
    if (!file) {
      throw new BadRequestException('Attach the ZIP archive as the multipart/form-data field "file".');
    }
    try {
      const head = await readHead(file.path, 4);
      if (!looksLikeZip(head)) {
        throw new BadRequestException(`"${file.originalname}" is not a ZIP archive (it may be damaged, or another kind of file). Choose a .zip of photos, or upload the photos themselves.`);
      }
      const jobId = randomUUID();
      const payload: ImportZipPayload = { zipPath: file.path, originalName: file.originalname, userId };
      await this.imports.add(JobName.ImportZip, payload, { jobId });
      return { jobId };
    } catch (err) {
      await fs.rm(file.path, { force: true });
      throw err;
    }
  }

  async enqueueUploads(files: SpooledFile[] | undefined, userId: string): Promise<{ jobId: string }> {
    if (!files?.length) {
      throw new BadRequestException('Attach one or more images as the multipart/form-data field "files" (or a ZIP archive to POST /api/admin/training-images/zip).');
    }
    try {
      const jobId = randomUUID();
      const payload: ImportUploadsPayload = { files: files.map((f) => ({ path: f.path, originalName: f.originalname })), userId };
      await this.imports.add(JobName.ImportUploads, payload, { jobId });
      return { jobId };
    } catch (err) {
      await Promise.all(files.map((f) => fs.rm(f.path, { force: true })));
      throw err;
    }
  }

  // ---------------------------------------------------------------- list

  async list(q: ListTrainingImagesQueryDto): Promise<TrainingImagesPage> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const query = filterToQuery(toFilter(q));
    const dir = q.direction === 'asc' ? 1 : -1;
    const sort: Record<string, 1 | -1> = { [SORT_PATHS[q.sort ?? 'createdAt']]: dir };
    if (!('createdAt' in sort)) sort.createdAt = -1;
    sort._id = dir; // stable order across pages
    const [docs, total] = await Promise.all([this.repo.list(query, sort, (page - 1) * pageSize, pageSize), this.repo.count(query)]);
    return { items: docs.map(toView), total, page, pageSize };
  }

  // ---------------------------------------------------------------- bulk label / delete

  /** One updateMany over the selection (ids or filter). */
  async bulkLabel(dto: BulkLabelDto, userId: string): Promise<BulkLabelResult> {
    const query = selectionQuery(dto);
    let plan;
    try {
      plan = planLabelSet(dto.label, userId, new Date());
    } catch (err) {
      if (err instanceof LabelError) throw new BadRequestException(err.message);
      throw err;
    }
    const result = await this.repo.updateMany(query, plan.set);
    if (plan.needsLabelledRecount) await this.repo.markUnlabelledWhereEmpty();
    return result;
  }

  /** Deletes the records, then their own GridFS blobs (original + thumbnail; never a prediction's blob). */
  async delete(dto: ImageSelectionDto): Promise<DeleteResult> {
    const query = selectionQuery(dto);
    const refs = await this.repo.blobRefs(query);
    if (!refs.length) return { deleted: 0 };
    const deleted = await this.repo.deleteByIds(refs.map((r) => r.id));
    const blobIds = refs.flatMap((r) => (r.ownsBlobs ? [r.blobId, r.thumbBlobId] : [r.thumbBlobId])).filter((id): id is string => !!id);
    await runLimited(blobIds, 8, (id) => this.blobs.delete('images', id));
    this.logger.log(`Deleted ${deleted} training images and ${blobIds.length} stored files`);
    return { deleted };
  }

  // ---------------------------------------------------------------- balance

  async balance(): Promise<BalanceDto> {
    const [groups, unlabelled] = await Promise.all([this.repo.labelledGroups(), this.repo.count({ isLabelled: false })]);
    return summariseBalance(groups, unlabelled);
  }

  // ---------------------------------------------------------------- files

  async openThumbnail(id: string): Promise<{ stream: Readable; contentType: string }> {
    const doc = await this.findOr404(id);
    if (doc.thumbBlobId) return { stream: this.blobs.openStream('images', doc.thumbBlobId), contentType: 'image/jpeg' };
    // a reviewed prediction's photo: the thumbnail is rendered on request (nothing stored that could be orphaned)
    const bytes = await this.blobs.get('images', doc.blobId);
    const thumb = await toThumbnail(bytes, THUMBNAIL_SIZE, { maxBytes: Number.MAX_SAFE_INTEGER, maxPixels: this.config.uploads.maxImagePixels });
    return { stream: Readable.from(thumb), contentType: 'image/jpeg' };
  }

  async openOriginal(id: string): Promise<{ stream: Readable; contentType: string; filename: string }> {
    const doc = await this.findOr404(id);
    return {
      stream: this.blobs.openStream('images', doc.blobId),
      contentType: `image/${doc.format}`,
      filename: doc.originalName?.split('/').pop() || `${doc.sha256}.${doc.format}`,
    };
  }

  private async findOr404(id: string): Promise<TrainingImage> {
    const doc = await this.repo.findById(id);
    if (!doc) throw new NotFoundException(`No training image with id "${id}"; it may have been deleted.`);
    return doc;
  }
}

export function toFilter(dto: ImageFilterDto): ImageFilter {
  const labelled = parseTriState(dto.labelled);
  const from = parseDateBound(dto.from, false);
  const to = parseDateBound(dto.to, true);
  if (from && to && from > to) throw new BadRequestException(`from (${dto.from}) is after to (${dto.to}); swap them or widen the range`);
  return {
    labelled: labelled === null ? undefined : labelled,
    source: dto.source as ImageSource | undefined,
    is_cat: parseTriState(dto.is_cat),
    colour: parseEnumOrUnknown<Colour>(dto.colour),
    pattern: parseEnumOrUnknown<Pattern>(dto.pattern),
    is_tabby: parseTriState(dto.is_tabby),
    is_pointed: parseTriState(dto.is_pointed),
    from,
    to,
  };
}

function selectionQuery(dto: ImageSelectionDto): Record<string, unknown> {
  const hasIds = dto.ids !== undefined;
  if (Array.isArray(dto.filter)) throw new BadRequestException('filter must be an object with the list filter fields ({} selects every image).');
  const hasFilter = dto.filter !== undefined && dto.filter !== null;
  if (hasIds === hasFilter) {
    throw new BadRequestException('Send either "ids" (a list of image ids) or "filter" (the list filter fields; {} selects every image), not both.');
  }
  if (hasIds) return { _id: { $in: [...new Set(dto.ids)] } };
  return filterToQuery(toFilter(dto.filter!));
}

function toView(d: TrainingImage): TrainingImageView {
  const id = String(d._id);
  return {
    id,
    label: d.label,
    isLabelled: d.isLabelled,
    source: d.source,
    thumbnailUrl: `/api/admin/training-images/${id}/thumbnail`,
    imageUrl: `/api/admin/training-images/${id}/image`,
    width: d.width,
    height: d.height,
    format: d.format,
    sha256: d.sha256,
    originalName: d.originalName ?? null,
    labelledBy: d.labelledBy ?? null,
    labelledAt: d.labelledAt ? new Date(d.labelledAt).toISOString() : null,
    createdBy: d.createdBy ?? null,
    createdAt: new Date(d.createdAt).toISOString(),
    web: d.web ?? null,
    predictionId: d.predictionId ?? null,
  };
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await fs.open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function runLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
