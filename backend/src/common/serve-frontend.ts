/**
 * Serves the built Angular app on the API's origin: its files, and index.html for any other GET outside /api
 * (the app's own routes, e.g. /result/abc or /admin/images). Replaces @nestjs/serve-static, whose error handler
 * turned every error on an excluded path — a body that is not valid JSON, one too large — into a 404
 * "Cannot POST /api/…", hiding the real 400 / 413 from clients.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

type Use = (handler: (req: Request, res: Response, next: NextFunction) => void) => void;

/** True for the API's own paths, which never fall back to the app. */
export function isApiPath(p: string): boolean {
  return p === '/api' || p.startsWith('/api/');
}

/** Registers the app's files and its index.html fallback; does nothing when the app has not been built. */
export function serveFrontend(app: { use: Use }, dist: string): boolean {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return false;
  const files = express.static(dist, { index: false, fallthrough: true });
  app.use((req, res, next) => (isApiPath(req.path) ? next() : files(req, res, next)));
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache'); // a new build's index.html names new bundles
    res.sendFile(index, (err) => (err ? next(err) : undefined));
  });
  return true;
}
