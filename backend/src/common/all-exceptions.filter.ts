import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * One place that shapes every error response: HttpExceptions keep their status and message
 * ({statusCode, message, error}); anything else becomes a 500 with a correlation id that is logged.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (res.headersSent) return;

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload =
        typeof body === 'string'
          ? { statusCode: status, message: body, error: HttpStatus[status] ?? 'Error' }
          : { statusCode: status, ...(body as object) };
      // class-validator gives an array of messages: join them into one readable sentence, keep the list too.
      const msg = (payload as { message?: unknown }).message;
      if (Array.isArray(msg)) Object.assign(payload, { message: msg.join('; '), details: msg });
      res.status(status).json(payload);
      return;
    }
    const correlationId = randomUUID();
    this.logger.error(
      `${req.method} ${req.originalUrl} failed [${correlationId}]: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    res.status(500).json({
      statusCode: 500,
      message: `Something went wrong on our side. Please try again; if it keeps happening, quote ${correlationId}.`,
      error: 'Internal Server Error',
      correlationId,
    });
  }
}
