import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { UploadMessages, formatBytes, mapMulterError } from './multer-errors';

/**
 * Reads one image upload (multipart field "image") into memory, with the size limit from config.
 * Multer's limit errors and malformed uploads become readable 413/400 responses.
 */
@Injectable()
export class ImageUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<multer.Multer['single']>;
  private readonly messages: UploadMessages;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.uploads.maxImageBytes, files: 1, fields: 10 },
    }).single('image');
    this.messages = {
      tooLarge: `The file is too large: the limit is ${formatBytes(config.uploads.maxImageBytes)}.`,
      tooManyFiles: 'Send one photo per request (field "image").',
      expectedField: '"image" (one photo)',
    };
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) =>
      this.upload(http.getRequest<Request>(), http.getResponse<Response>(), (err: unknown) => {
        if (!err) return resolve();
        reject(mapMulterError(err, this.messages) ?? err);
      }),
    );
    return next.handle();
  }
}
