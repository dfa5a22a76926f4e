import { BadGatewayException, BadRequestException, GatewayTimeoutException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { LabelError } from '../../ml/errors';
import { isLabelled, normaliseLabel, PhenotypeLabel } from '../../ml/vocabulary';
import { ImportWebImagesPayload, JobName, QueueName } from '../../infra/queue/queues';
import { LicenceFilter, matchesLicenceFilter } from './domain/licence';
import { ImportRequestDto, SearchQueryDto } from './dto/image-search.dto';
import type { SearchProviderInfo, SearchResponse } from '../../contracts/image-search';
import { ImageSearchResult, PROVIDER_IDS, ProviderError } from './providers/provider';
import { ImageSearchProviders } from './providers/provider-registry';
import { TRAINING_IMAGE_LIBRARY, TrainingImageLibrary } from './training-image-library';

export type ProviderInfo = SearchProviderInfo;
export type { SearchResponse };

@Injectable()
export class ImageSearchService {
  private readonly logger = new Logger(ImageSearchService.name);

  constructor(
    private readonly providers: ImageSearchProviders,
    @Inject(TRAINING_IMAGE_LIBRARY) private readonly library: TrainingImageLibrary,
    @InjectQueue(QueueName.WebImports) private readonly queue: Queue,
  ) {}

  listProviders(): ProviderInfo[] {
    return this.providers.list().map((p) => ({ id: p.id, name: p.name, enabled: p.enabled, needsKey: p.needsKey }));
  }

  async search(dto: SearchQueryDto): Promise<SearchResponse> {
    const q = dto.q.trim();
    if (!q) throw new BadRequestException('q (the search words) is required');
    const providerId = dto.provider?.trim() || 'openverse';
    const provider = this.providers.get(providerId);
    if (!provider) {
      throw new BadRequestException(`Unknown provider "${providerId}"; choose one of ${PROVIDER_IDS.join(', ')}.`);
    }
    if (!provider.enabled) {
      throw new BadRequestException(`${provider.name} is not enabled on this server (it needs a key in the server configuration); choose another provider.`);
    }
    const licence = dto.licence ?? 'any';
    if (licence !== 'any' && !provider.supportsLicenceFilter) {
      throw new BadRequestException(`${provider.name} gives no licence data, so it cannot filter by licence; choose "any" licence or another provider.`);
    }
    const page = dto.page ?? 1;
    let found;
    try {
      found = await provider.search({ q, page, licence });
    } catch (err) {
      if (err instanceof ProviderError) {
        this.logger.warn(`search on ${provider.id} failed: ${err.message}`);
        if (err.kind === 'timeout') throw new GatewayTimeoutException(err.message);
        throw new BadGatewayException(err.message);
      }
      throw err;
    }
    // The provider filters when it can; this keeps what it returned honest to the filter chosen.
    const filtered = found.results.filter((r) => matchesLicenceFilter(r.licence, licence));
    const imported = filtered.length ? await this.library.findImportedUrls(filtered.map((r) => r.url)) : new Set<string>();
    return {
      provider: provider.id,
      query: q,
      page,
      pageSize: found.pageSize,
      hasMore: found.hasMore,
      total: found.total,
      licence,
      results: filtered.map((r) => ({ ...r, alreadyImported: imported.has(r.url) })),
    };
  }

  async enqueueImport(dto: ImportRequestDto, userId: string): Promise<{ jobId: string }> {
    let label: Partial<PhenotypeLabel> | undefined;
    if (dto.label !== undefined) {
      try {
        const normalised = normaliseLabel(dto.label);
        label = isLabelled(normalised) ? normalised : undefined;
      } catch (err) {
        if (err instanceof LabelError) throw new BadRequestException(`label: ${err.message}`);
        throw err;
      }
    }
    const payload: ImportWebImagesPayload = {
      items: dto.items.map((i) => ({
        url: i.url,
        provider: i.provider,
        thumbnailUrl: i.thumbnailUrl,
        sourcePage: i.sourcePage,
        licence: i.licence,
        attribution: i.attribution,
      })),
      label: label as Record<string, unknown> | undefined,
      userId,
    };
    const jobId = randomUUID();
    // Idempotent (URLs and content hashes already imported count as duplicates), so a transient failure of the
    // whole job (e.g. the database briefly busy) is retried once instead of failing the admin's import.
    await this.queue.add(JobName.ImportWebImages, payload, { jobId, attempts: 2, backoff: { type: 'fixed', delay: 1000 } });
    return { jobId };
  }
}
