/**
 * The API's JSON and form body parsers, with every way a body can be broken answered as a readable 4xx before any
 * route runs: not JSON, too large, an unsupported charset or encoding, a cut-off upload, or nesting so deep that
 * validating it would overflow the stack.
 */
import { BadRequestException, HttpException, HttpStatus, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Far deeper than any request of this API (the deepest is a filter inside a selection: 2). */
export const MAX_BODY_DEPTH = 32;

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/** Maps a body-parser error to the response a client can act on (body-parser errors carry a `type`). */
export function bodyParserError(err: unknown): HttpException {
  const e = err as { type?: string; status?: number; charset?: string; encoding?: string; code?: string };
  switch (e?.type) {
    case 'entity.parse.failed':
      return new BadRequestException('The request body is not valid JSON: send a JSON object.');
    case 'entity.too.large':
      return new PayloadTooLargeException(`The request body is too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException(`The body's charset "${e.charset}" is not supported; send UTF-8.`);
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException(`The body's Content-Encoding "${e.encoding}" is not supported; send it uncompressed, gzip or deflate.`);
    case 'request.aborted':
    case 'request.size.invalid':
      return new BadRequestException('The request body was cut off; please try again.');
    default:
      if (e?.code?.startsWith('Z_')) return new BadRequestException('The request body could not be decompressed; check its Content-Encoding.');
      return new HttpException('The request body could not be read.', e?.status && e.status >= 400 && e.status < 500 ? e.status : HttpStatus.BAD_REQUEST);
  }
}

/** How deep objects and arrays nest in a parsed body (iterative: a deep body cannot overflow this check). */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > max) max = d;
    if (max > stopAt) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) stack.push([child, d]);
  }
  return max;
}

function guarded(parse: Middleware): Middleware {
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err) return next(bodyParserError(err));
      if (nestingDepth(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return next(new BadRequestException('The request body is nested too deeply.'));
      next();
    });
}

/** Registers the parsers (the Nest app is created with `bodyParser: false`, so these are the only ones). */
export function useBodyParsers(app: { use(handler: Middleware): unknown }): void {
  app.use(guarded(express.json({ limit: MAX_BODY_BYTES })));
  app.use(guarded(express.urlencoded({ limit: MAX_BODY_BYTES, extended: false })));
}
