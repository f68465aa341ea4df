import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../../errors/domain.error';
import type { PokerSocket } from './room-channel';

/**
 * A socket acts only while the token it presented is good: the handshake checked it once,
 * and every event checks its expiry again (one comparison, no I/O). `session:renew` swaps in
 * a fresh token on the open socket; reconnecting with one works too.
 */
@Injectable()
export class SessionExpiryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const socket = context.switchToWs().getClient<PokerSocket>();
    if (socket.data.expiresAt > Date.now()) return true;
    throw new DomainError(
      'UNAUTHENTICATED',
      'Your session has expired; renew it (session:renew) or reconnect with a fresh token.',
    );
  }
}
