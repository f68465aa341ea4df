import { UseFilters, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  ok,
  POKER_NAMESPACE,
  SessionEvent,
  sessionRenewSchema,
  type AckSuccess,
  type SessionRenewAckData,
  type SessionRenewPayload,
} from '@poker/shared';
import { WsExceptionFilter } from '../errors/ws-exception.filter';
import { DomainError } from '../errors/domain.error';
import { JwtRejectedError } from '../jwt/jwt-rejected.error';
import { JwtVerifierService } from '../jwt/jwt-verifier.service';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import type { PokerSocket } from './room-channel';
import { SocketRateLimitGuard } from './socket-rate-limit.guard';

/**
 * `session:renew { token }`: the one event an expired socket may still send. The fresh token
 * must speak for the same person on the same site; the socket then acts until its expiry.
 */
@UseFilters(WsExceptionFilter)
@UseGuards(SocketRateLimitGuard)
@WebSocketGateway({ namespace: POKER_NAMESPACE })
export class SessionGateway {
  constructor(private readonly verifier: JwtVerifierService) {}

  @SubscribeMessage(SessionEvent.renew)
  async renew(
    @ConnectedSocket() socket: PokerSocket,
    @MessageBody(new ZodValidationPipe(sessionRenewSchema)) payload: SessionRenewPayload,
  ): Promise<AckSuccess<SessionRenewAckData>> {
    let principal;
    try {
      principal = await this.verifier.verifyContext(payload.token);
    } catch (error) {
      if (!(error instanceof JwtRejectedError)) throw error;
      throw new DomainError('UNAUTHENTICATED', error.message);
    }
    const { data } = socket;
    if (principal.tenant.id !== data.tenantId || principal.accountId !== data.accountId) {
      throw new DomainError('UNAUTHENTICATED', 'The token is for another person or site.');
    }
    data.expiresAt = principal.expiresAt;
    if (principal.jira) data.jira = principal.jira;
    else delete data.jira;
    return ok({ expiresAt: new Date(principal.expiresAt).toISOString() });
  }
}
