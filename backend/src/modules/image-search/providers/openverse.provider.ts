/**
 * Openverse (https://api.openverse.org, WordPress): openly licensed images with licence and attribution.
 * Works anonymously; with a client id/secret it first gets an OAuth client-credentials token (higher limits),
 * cached until shortly before it expires.
 */
import { Logger } from '@nestjs/common';
import { buildAttribution, LicenceFilter, openverseLicenceName } from '../domain/licence';
import { fetchJson, joinUrl, positiveInt } from './http-json';
import { ImageSearchProvider, ProviderPage, ProviderQuery, ProviderResult } from './provider';

export interface OpenverseConfig {
  baseUrl: string;
  clientId?: string;
  clientSecret?: string;
  timeoutMs: number;
  userAgent: string;
}

/** The fields of GET /v1/images/ we use (see the API's Image schema). */
interface OpenverseImage {
  id: string;
  title?: string | null;
  foreign_landing_url?: string | null;
  url?: string | null;
  creator?: string | null;
  creator_url?: string | null;
  license?: string | null;
  license_version?: string | null;
  license_url?: string | null;
  provider?: string | null;
  source?: string | null;
  attribution?: string | null;
  height?: number | null;
  width?: number | null;
  thumbnail?: string | null;
  mature?: boolean;
}
interface OpenverseSearchResponse {
  result_count: number;
  page_count: number;
  page_size: number;
  page: number;
  results: OpenverseImage[];
}
interface OpenverseToken {
  access_token: string;
  expires_in: number;
  token_type?: string;
}

const PAGE_SIZE = 20;

export function openverseErrorMessage(body: unknown): string | undefined {
  const b = body as { detail?: unknown; error?: unknown; message?: unknown };
  const detail = typeof b?.detail === 'string' ? b.detail : b?.detail ? JSON.stringify(b.detail) : undefined;
  return detail ?? (typeof b?.message === 'string' ? b.message : typeof b?.error === 'string' ? b.error : undefined);
}

export class OpenverseProvider implements ImageSearchProvider {
  readonly id = 'openverse' as const;
  readonly name = 'Openverse';
  readonly needsKey = false;
  readonly enabled = true;
  readonly supportsLicenceFilter = true;
  private readonly logger = new Logger('OpenverseProvider');
  private token: { value: string; expiresAt: number } | null = null;
  private tokenRequest: Promise<string | null> | null = null;

  constructor(private readonly cfg: OpenverseConfig) {}

  async search(query: ProviderQuery): Promise<ProviderPage> {
    const params: Record<string, string | number> = { q: query.q, page: query.page, page_size: PAGE_SIZE, mature: 'false' };
    Object.assign(params, licenceParams(query.licence));
    const token = await this.accessToken();
    const body = await fetchJson<OpenverseSearchResponse>({
      provider: 'Openverse',
      url: joinUrl(this.cfg.baseUrl, '/v1/images/', params),
      timeoutMs: this.cfg.timeoutMs,
      headers: { 'user-agent': this.cfg.userAgent, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      errorMessage: openverseErrorMessage,
    });
    const results = (Array.isArray(body.results) ? body.results : []).filter((r) => r && r.url && r.id).map(toResult);
    return {
      results,
      pageSize: PAGE_SIZE,
      hasMore: Number(body.page ?? query.page) < Number(body.page_count ?? 0),
      total: positiveInt(body.result_count) ?? (results.length ? null : 0),
    };
  }

  /** A cached bearer token, or null for anonymous use (no credentials, or the token endpoint failed). */
  private async accessToken(): Promise<string | null> {
    if (!this.cfg.clientId || !this.cfg.clientSecret) return null;
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.tokenRequest ??= this.fetchToken().finally(() => (this.tokenRequest = null));
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string | null> {
    try {
      const body = await fetchJson<OpenverseToken>({
        provider: 'Openverse',
        url: joinUrl(this.cfg.baseUrl, '/v1/auth_tokens/token/'),
        method: 'POST',
        timeoutMs: this.cfg.timeoutMs,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': this.cfg.userAgent },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.cfg.clientId!,
          client_secret: this.cfg.clientSecret!,
        }).toString(),
        errorMessage: openverseErrorMessage,
      });
      if (!body.access_token) throw new Error('no access_token in the answer');
      const ttl = (positiveInt(body.expires_in) ?? 3600) * 1000;
      this.token = { value: body.access_token, expiresAt: Date.now() + Math.max(ttl - 60_000, ttl / 2) };
      return this.token.value;
    } catch (err) {
      // Anonymous search still works (with lower limits): do not fail the search because of the token.
      this.logger.warn(`Could not get an Openverse access token, searching anonymously: ${(err as Error).message}`);
      return null;
    }
  }
}

function licenceParams(filter: LicenceFilter): Record<string, string> {
  if (filter === 'commercial') return { license_type: 'commercial' };
  if (filter === 'public-domain') return { license: 'cc0,pdm' };
  return {};
}

function toResult(r: OpenverseImage): ProviderResult {
  const licence = openverseLicenceName(r.license, r.license_version);
  const title = r.title?.trim() || 'Untitled';
  const creator = r.creator?.trim() || null;
  return {
    id: `openverse:${r.id}`,
    provider: 'openverse',
    title,
    thumbnailUrl: r.thumbnail || r.url!,
    url: r.url!,
    width: positiveInt(r.width),
    height: positiveInt(r.height),
    sourcePage: r.foreign_landing_url || null,
    licence,
    licenceUrl: r.license_url || null,
    creator,
    attribution: r.attribution?.trim() || buildAttribution({ title, creator, licence, via: r.source || r.provider || 'Openverse' }),
  };
}
