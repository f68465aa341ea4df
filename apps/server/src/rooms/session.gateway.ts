import { UseFilters, UseGuards } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
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
import { validatedBody } from '../validation/validated-body';
import type { PokerSocket } from './live/room-channel';
import { SocketRateLimitGuard } from './live/socket-rate-limit.guard';
import { SocketSessions } from './live/socket-sessions.service';

/** `session:renew { token }`: the one event an expired socket may still send. */
@UseFilters(WsExceptionFilter)
@UseGuards(SocketRateLimitGuard)
@WebSocketGateway({ namespace: POKER_NAMESPACE })
export class SessionGateway {
  constructor(private readonly sessions: SocketSessions) {}

  @SubscribeMessage(SessionEvent.renew)
  async renew(
    @ConnectedSocket() socket: PokerSocket,
    @validatedBody(sessionRenewSchema) payload: SessionRenewPayload,
  ): Promise<AckSuccess<SessionRenewAckData>> {
    const expiresAt = await this.sessions.renew(socket.data, payload.token);
    return ok({ expiresAt: new Date(expiresAt).toISOString() });
  }
}
