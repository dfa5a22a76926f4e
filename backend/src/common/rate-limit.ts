import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';

export type RateLimitBucket = 'login' | 'predictions';
const RATE_LIMIT_KEY = 'rateLimit';

/** Limits a route per client address (fixed one-minute window); limits come from config. */
export const RateLimit = (bucket: RateLimitBucket): MethodDecorator => SetMetadata(RATE_LIMIT_KEY, bucket);

/** Pure fixed-window counter, kept small: old windows are dropped as they expire. */
export class FixedWindowCounter {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();
  constructor(private readonly windowMs: number) {}

  /** Returns seconds to wait when over the limit, or 0 when the hit is allowed. */
  hit(key: string, limit: number, now = Date.now()): number {
    const entry = this.hits.get(key);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      this.hits.set(key, { windowStart: now, count: 1 });
      if (this.hits.size > 50_000) this.sweep(now);
      return 0;
    }
    entry.count++;
    if (entry.count > limit) return Math.ceil((entry.windowStart + this.windowMs - now) / 1000);
    return 0;
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (now - v.windowStart >= this.windowMs) this.hits.delete(k);
  }
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly counter = new FixedWindowCounter(60_000);

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const bucket = this.reflector.get<RateLimitBucket | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!bucket) return true;
    const limit =
      bucket === 'login' ? this.config.auth.loginRateLimitPerMinute : this.config.predictions.rateLimitPerMinute;
    const req = context.switchToHttp().getRequest<Request>();
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = this.counter.hit(`${bucket}:${client}`, limit);
    if (wait > 0) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
      const message =
        bucket === 'login'
          ? `Too many sign-in attempts. Wait ${wait} seconds and try again.`
          : `We are busy analysing your earlier photos. Wait ${wait} seconds and try again.`;
      throw new HttpException({ statusCode: 429, message, error: 'Too Many Requests' }, HttpStatus.TOO_MANY_REQUESTS);
    }
    return true;
  }
}
