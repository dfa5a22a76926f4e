/**
 * Every queue and job name, and one typed payload per job. Producers (API) and consumers (worker)
 * import from here only, so a renamed job cannot silently drift apart.
 */
export enum QueueName {
  Training = 'training',
  Imports = 'imports',
  WebImports = 'web-imports',
  Features = 'features',
  Reporting = 'reporting',
  System = 'system',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);

export enum JobName {
  TrainModel = 'train-model',
  ImportZip = 'import-zip',
  ImportUploads = 'import-uploads',
  ImportWebImages = 'import-web-images',
  ComputeFeatures = 'compute-features',
  DailySnapshot = 'daily-snapshot',
  Ping = 'ping',
}

export interface TrainModelPayload {
  runId: string;
}
export interface ImportZipPayload {
  /** Path of the uploaded archive on local disk (shared by api and worker), deleted when the job ends. */
  zipPath: string;
  originalName: string;
  userId: string;
}
export interface ImportUploadsPayload {
  /** Spooled uploaded files on local disk, deleted when the job ends. */
  files: { path: string; originalName: string }[];
  userId: string;
}
export interface ImportWebImagesPayload {
  items: {
    url: string;
    provider?: string;
    thumbnailUrl?: string;
    sourcePage?: string;
    licence?: string;
    attribution?: string;
  }[];
  label?: Record<string, unknown>;
  userId: string;
}
export interface ComputeFeaturesPayload {
  imageIds: string[];
}
export interface DailySnapshotPayload {
  /** YYYY-MM-DD; default today (UTC). */
  date?: string;
}
export interface PingPayload {
  message: string;
}

/** The progress object every job reports with job.updateProgress(). */
export interface JobProgress {
  percent: number;
  message?: string;
  [detail: string]: unknown;
}
