import { UseFilters, UseGuards } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import {
  ClientEvent,
  issueAcceptAgreedSchema,
  ok,
  POKER_NAMESPACE,
  type AcceptAgreedAckData,
  type AckSuccess,
  type ClientPayloads as P,
} from '@poker/shared';
import { WsExceptionFilter } from '../errors/ws-exception.filter';
import { validatedBody } from '../validation/validated-body';
import { AsyncVotingService } from './async-voting.service';
import type { PokerSocket } from './live/room-channel';
import { SessionExpiryGuard } from './live/session-expiry.guard';
import { actorOf } from './live/socket-actor';
import { SocketRateLimitGuard } from './live/socket-rate-limit.guard';

/**
 * Async voting's own event of the `/poker` namespace (ARCHITECTURE.md "Async voting"); the
 * async cards themselves go through `vote:cast` with an `issueKey`, the switch through
 * `room:update`. Same guards and filter as RoomsGateway.
 */
@UseFilters(WsExceptionFilter)
@UseGuards(SessionExpiryGuard, SocketRateLimitGuard)
@WebSocketGateway({ namespace: POKER_NAMESPACE })
export class AsyncVotingGateway {
  constructor(private readonly asyncVoting: AsyncVotingService) {}

  @SubscribeMessage(ClientEvent.issueAcceptAgreed)
  async acceptAgreed(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(issueAcceptAgreedSchema) p: P['issue:acceptAgreed'],
  ): Promise<AckSuccess<AcceptAgreedAckData>> {
    return ok(await this.asyncVoting.acceptAgreed(actorOf(s), p));
  }
}
