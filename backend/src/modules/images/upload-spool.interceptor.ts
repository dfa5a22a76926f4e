import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Type, mixin } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { randomUUID } from 'node:crypto';
import { mkdirSync, promises as fs } from 'node:fs';
import { Observable } from 'rxjs';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config';
import { formatBytes, mapMulterError } from '../../common/multer-errors';

type SpoolMode = 'zip' | 'images';

/**
 * Streams multipart uploads straight to the spool directory (never into memory) with the limits from config.
 * zip: one field "file" up to uploads.maxZipBytes; images: field "files", up to uploads.maxUploadFiles files
 * of uploads.maxImageBytes each. Files are named by random ids, never by the client's file name.
 */
export function SpoolInterceptor(mode: SpoolMode): Type<NestInterceptor> {
  @Injectable()
  class MixinSpoolInterceptor implements NestInterceptor {
    private readonly upload: ReturnType<typeof multer>;
    private readonly maxBytes: number;

    constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
      const dir = config.uploads.spoolDir;
      mkdirSync(dir, { recursive: true });
      this.maxBytes = mode === 'zip' ? config.uploads.maxZipBytes : config.uploads.maxImageBytes;
      this.upload = multer({
        storage: multer.diskStorage({ destination: dir, filename: (_req, _file, cb) => cb(null, `${randomUUID()}.upload`) }),
        limits: {
          fileSize: this.maxBytes,
          files: mode === 'zip' ? 1 : config.uploads.maxUploadFiles,
          fields: 20,
          fieldSize: 64 * 1024,
        },
      });
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      const req = http.getRequest<Request>();
      const res = http.getResponse<Response>();
      const handler = mode === 'zip' ? this.upload.single('file') : this.upload.array('files', this.config.uploads.maxUploadFiles);
      await new Promise<void>((resolve, reject) =>
        handler(req, res, (err: unknown) => {
          if (!err) return resolve();
          void cleanup(req);
          reject(this.mapError(err));
        }),
      );
      for (const f of ([] as Express.Multer.File[]).concat(req.file ?? [], (req.files as Express.Multer.File[] | undefined) ?? [])) {
        // multer decodes names as latin1; browsers send UTF-8
        f.originalname = Buffer.from(f.originalname, 'latin1').toString('utf8');
      }
      return next.handle();
    }

    private mapError(err: unknown): Error {
      const zip = mode === 'zip';
      const mapped = mapMulterError(err, {
        tooLarge: zip
          ? `The ZIP archive is too large: the limit is ${formatBytes(this.maxBytes)}. Split it into smaller archives.`
          : `An image is too large: the limit is ${formatBytes(this.maxBytes)} per image.`,
        tooManyFiles: zip
          ? 'Send exactly one ZIP archive per request (field "file").'
          : `Too many files in one request: the limit is ${this.config.uploads.maxUploadFiles}. Upload them in several batches or as a ZIP archive.`,
        expectedField: zip ? '"file" (one ZIP archive)' : '"files" (one or more images)',
      });
      return mapped ?? (err instanceof Error ? err : new Error(String(err)));
    }
  }
  return mixin(MixinSpoolInterceptor);
}

async function cleanup(req: Request): Promise<void> {
  const files = ([] as Express.Multer.File[]).concat(req.file ?? [], (req.files as Express.Multer.File[] | undefined) ?? []);
  await Promise.all(files.map((f) => (f.path ? fs.rm(f.path, { force: true }) : undefined)));
}
