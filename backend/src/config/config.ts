/**
 * The one reader of process.env. Every setting is parsed and validated once at boot;
 * every bad key is reported together so a misconfigured deployment fails fast with one clear message.
 */
import * as path from 'node:path';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  /** Which process this is: the HTTP API, the queue worker, or a command-line tool. */
  processRole: 'api' | 'worker' | 'cli';
  port: number;
  mongoUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for BullMQ keys, so test runs never see the dev queues. */
  queuePrefix: string;
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    /** Secure flag of the refresh cookie (on behind https). */
    secureCookies: boolean;
    loginRateLimitPerMinute: number;
  };
  uploads: {
    maxImageBytes: number;
    maxImagePixels: number;
    maxZipBytes: number;
    maxZipEntries: number;
    maxZipUncompressedBytes: number;
    maxZipCompressionRatio: number;
    /** Max image files in one multi-file upload request. */
    maxUploadFiles: number;
    /** Where uploads wait for the import worker; must be shared by the API and the worker (same disk/volume). */
    spoolDir: string;
  };
  predictions: {
    rateLimitPerMinute: number;
  };
  ml: {
    workers: number;
    /** Use the cheap path only, skipping the cat detector (for benchmarks). */
    starterModelPath: string;
  };
  reporting: {
    /** Cron pattern of the daily snapshot (BullMQ repeatable job), server local time. */
    snapshotCron: string;
  };
  imageSearch: {
    openverseBaseUrl: string;
    openverseClientId?: string;
    openverseClientSecret?: string;
    wikimediaBaseUrl: string;
    googleBaseUrl: string;
    googleApiKey?: string;
    googleCx?: string;
    braveBaseUrl: string;
    braveToken?: string;
    timeoutMs: number;
    /** Test-only escape hatch: allow downloads from loopback (the fake provider in e2e). Never set in production. */
    allowPrivateAddresses: boolean;
  };
  frontendDist: string;
  admin: { username?: string; password?: string };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (key: string, fallback?: string): string => {
    const v = env[key];
    if (v === undefined || v === '') {
      if (fallback === undefined) problems.push(`${key} is required but missing`);
      return fallback ?? '';
    }
    return v;
  };
  const opt = (key: string): string | undefined => (env[key] === '' ? undefined : env[key]);
  const int = (key: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key} must be a whole number between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${key} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (key: string, fallback: string, protocols: string[]): string => {
    const v = str(key, fallback);
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${key} must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${redact(v)}")`);
      }
    } catch {
      problems.push(`${key} is not a valid URL (got "${redact(v)}")`);
    }
    return v;
  };

  const nodeEnvRaw = str('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];

  const jwtSecret = str('JWT_SECRET', nodeEnv === 'production' ? undefined : DEV_JWT_SECRET);
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');
  if (nodeEnv === 'production' && jwtSecret === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET must be set to a private value in production');
  }

  const cron = str('SNAPSHOT_CRON', '0 2 * * *');
  if (cron.trim().split(/\s+/).length < 5) problems.push(`SNAPSHOT_CRON must be a cron pattern like "0 2 * * *" (got "${cron}")`);

  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const role = str('PROCESS_ROLE', 'api');
  if (!['api', 'worker', 'cli'].includes(role)) problems.push(`PROCESS_ROLE must be api, worker or cli (got "${role}")`);
  const config: AppConfig = {
    nodeEnv,
    processRole: role as AppConfig['processRole'],
    port: int('PORT', 3000, 1, 65535),
    mongoUrl: url('MONGO_URL', 'mongodb://127.0.0.1:27017/cat_identifier', ['mongodb:', 'mongodb+srv:']),
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/cat_identifier', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: str('QUEUE_PREFIX', 'cat-identifier'),
    auth: {
      jwtSecret,
      accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 10, 24 * 3600),
      refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_SECONDS', 14 * 24 * 3600, 60, 365 * 24 * 3600),
      secureCookies: bool('SECURE_COOKIES', nodeEnv === 'production'),
      loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT_PER_MINUTE', 10, 1, 10000),
    },
    uploads: {
      maxImageBytes: int('UPLOAD_MAX_IMAGE_BYTES', 15 * 1024 * 1024, 1024),
      maxImagePixels: int('UPLOAD_MAX_IMAGE_PIXELS', 60_000_000, 1024),
      maxZipBytes: int('UPLOAD_MAX_ZIP_BYTES', 1024 * 1024 * 1024, 1024),
      maxZipEntries: int('UPLOAD_MAX_ZIP_ENTRIES', 20_000, 1),
      maxZipUncompressedBytes: int('UPLOAD_MAX_ZIP_UNCOMPRESSED_BYTES', 4 * 1024 * 1024 * 1024, 1024),
      maxZipCompressionRatio: int('UPLOAD_MAX_ZIP_COMPRESSION_RATIO', 100, 2),
      maxUploadFiles: int('UPLOAD_MAX_FILES', 500, 1, 100_000),
      spoolDir: str('UPLOAD_SPOOL_DIR', path.join(repoRoot, '.data', 'spool')),
    },
    predictions: {
      rateLimitPerMinute: int('PREDICTION_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    },
    ml: {
      workers: int('ML_WORKERS', 2, 1, 16),
      starterModelPath: str('STARTER_MODEL_PATH', path.join(repoRoot, 'backend', 'models', 'starter.model')),
    },
    reporting: { snapshotCron: cron },
    imageSearch: {
      openverseBaseUrl: url('OPENVERSE_BASE_URL', 'https://api.openverse.org', ['http:', 'https:']),
      openverseClientId: opt('OPENVERSE_CLIENT_ID'),
      openverseClientSecret: opt('OPENVERSE_CLIENT_SECRET'),
      wikimediaBaseUrl: url('WIKIMEDIA_BASE_URL', 'https://commons.wikimedia.org', ['http:', 'https:']),
      googleBaseUrl: url('GOOGLE_SEARCH_BASE_URL', 'https://www.googleapis.com', ['http:', 'https:']),
      googleApiKey: opt('GOOGLE_SEARCH_API_KEY'),
      googleCx: opt('GOOGLE_SEARCH_CX'),
      braveBaseUrl: url('BRAVE_SEARCH_BASE_URL', 'https://api.search.brave.com', ['http:', 'https:']),
      braveToken: opt('BRAVE_SEARCH_TOKEN'),
      timeoutMs: int('IMAGE_SEARCH_TIMEOUT_MS', 10_000, 100, 120_000),
      allowPrivateAddresses: bool('IMAGE_SEARCH_ALLOW_PRIVATE_ADDRESSES', false),
    },
    frontendDist: str('FRONTEND_DIST', path.join(repoRoot, 'frontend', 'dist', 'browser')),
    admin: { username: opt('ADMIN_USERNAME'), password: opt('ADMIN_PASSWORD') },
  };
  if (config.imageSearch.allowPrivateAddresses && nodeEnv === 'production') {
    problems.push('IMAGE_SEARCH_ALLOW_PRIVATE_ADDRESSES must not be true in production');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function redact(value: string): string {
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
