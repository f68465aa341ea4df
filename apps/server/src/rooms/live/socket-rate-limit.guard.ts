import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../../errors/domain.error';
import { EventLimiter } from '../../rate-limits/event-limiter.service';
import type { PokerSocket } from './room-channel';

/** A burst of this many events is fine; past it, one event per 1/REFILL_PER_SECOND s. */
const BURST = 30;
const REFILL_PER_SECOND = 15;
/** Largest event payload accepted (the transport cap is larger, so this one answers politely). */
const MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * Per-socket token bucket and payload size cap, then the person's and the site's budgets
 * (EventLimiter), which a new socket does not reset. A breach is acked RATE_LIMITED / BAD_REQUEST.
 */
@Injectable()
export class SocketRateLimitGuard implements CanActivate {
  constructor(private readonly events: EventLimiter) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const socket = context.switchToWs().getClient<PokerSocket>();
    const now = Date.now();
    const bucket = socket.data.bucket ?? { tokens: BURST, at: now };
    bucket.tokens = Math.min(BURST, bucket.tokens + ((now - bucket.at) / 1000) * REFILL_PER_SECOND);
    bucket.at = now;
    socket.data.bucket = bucket;
    if (bucket.tokens < 1) {
      throw new DomainError(
        'RATE_LIMITED',
        'Too many events; slow down and try again in a moment.',
      );
    }
    bucket.tokens -= 1;
    const payload: unknown = context.switchToWs().getData();
    if (payload !== undefined && byteSize(payload) > MAX_PAYLOAD_BYTES) {
      throw new DomainError(
        'BAD_REQUEST',
        `Payload too large (at most ${MAX_PAYLOAD_BYTES} bytes).`,
      );
    }
    const verdict = this.events.admit(socket.data.tenantId, socket.data.accountId);
    return verdict ? verdict.then(() => true) : true;
  }
}

function byteSize(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return Infinity;
  }
}
