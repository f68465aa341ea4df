import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { DomainError } from '../errors/domain.error';
import type { HttpRouteGroup, RateLimitsConfig } from '../config/rate-limits-config';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store';
import type { Grant } from './token-bucket';

const GROUPS: { prefix: string; group: HttpRouteGroup }[] = [
  { prefix: '/api/', group: 'api' },
  { prefix: '/lifecycle/', group: 'lifecycle' },
  { prefix: '/forge/', group: 'forge' },
];

/**
 * Requests per client address to `/api/*`, `/lifecycle/*` and `/forge/*` (each group its own
 * budget), checked before authentication so a flood costs no JWT checks or database reads.
 * Past the limit: 429 with `Retry-After` and the filter's `{ error: { code, message } }`.
 * Registered app-wide; other routes (pages, health, metrics) and sockets pass untouched.
 */
@Injectable()
export class HttpRateLimitGuard implements CanActivate {
  private readonly rules: RateLimitsConfig['http'];

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = config.rateLimits.http;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const group = GROUPS.find(({ prefix }) => request.path.startsWith(prefix))?.group;
    if (!group) return true;
    const key = `http:${group}:${clientAddress(request)}`;
    const grant = this.store.take(key, this.rules[group], 1);
    const response = context.switchToHttp().getResponse<Response>();
    if (grant instanceof Promise) return grant.then((answer) => admit(answer, response));
    return admit(grant, response);
  }
}

/**
 * The address the nearest proxy saw (the last X-Forwarded-For entry; `trust proxy` is on, see
 * app.factory.ts), or the connection's without a proxy. Earlier entries are the client's to
 * invent, so keying on them (as `request.ip` does) would let anyone pick a fresh budget.
 */
function clientAddress(request: Request): string {
  return request.ips.at(-1) ?? request.socket.remoteAddress ?? 'unknown';
}

function admit(grant: Grant, response: Response): true {
  if (grant.granted > 0) return true;
  const seconds = Math.max(1, Math.ceil(grant.retryAfterMs / 1000));
  response.setHeader('Retry-After', String(seconds));
  throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${seconds} s.`);
}
