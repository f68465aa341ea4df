import { UseFilters, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  ClientEvent,
  facilitatorGrantSchema,
  facilitatorRevokeSchema,
  issueSkipSchema,
  memberKickSchema,
  memberNudgeSchema,
  ok,
  POKER_NAMESPACE,
  type AckSuccess,
  type ClientPayloads as P,
  type NudgeAckData,
  type RoomSnapshot,
} from '@poker/shared';
import type { Namespace } from 'socket.io';
import { WsExceptionFilter } from '../errors/ws-exception.filter';
import { validatedBody } from '../validation/validated-body';
import { FacilitationService } from './facilitation.service';
import { MemberNotices } from './live/member-notices.service';
import type { PokerSocket } from './live/room-channel';
import { SessionExpiryGuard } from './live/session-expiry.guard';
import { actorOf } from './live/socket-actor';
import { SocketRateLimitGuard } from './live/socket-rate-limit.guard';

type RoomAck = AckSuccess<{ room: RoomSnapshot }>;

/**
 * Facilitation events of the `/poker` namespace (ARCHITECTURE.md "Facilitation"): remove,
 * nudge, skip, co-facilitators. Like RoomsGateway, each handler only validates and calls one
 * service method; the guards and the filter are the same.
 */
@UseFilters(WsExceptionFilter)
@UseGuards(SessionExpiryGuard, SocketRateLimitGuard)
@WebSocketGateway({ namespace: POKER_NAMESPACE })
export class FacilitationGateway implements OnGatewayInit<Namespace> {
  constructor(
    private readonly facilitation: FacilitationService,
    private readonly notices: MemberNotices,
  ) {}

  afterInit(namespace: Namespace): void {
    this.notices.attach(namespace);
  }

  @SubscribeMessage(ClientEvent.memberKick)
  async kick(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(memberKickSchema) p: P['member:kick'],
  ): Promise<RoomAck> {
    return ok({ room: await this.facilitation.kick(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.memberNudge)
  async nudge(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(memberNudgeSchema) p: P['member:nudge'],
  ): Promise<AckSuccess<NudgeAckData>> {
    return ok({ nudged: await this.facilitation.nudge(actorOf(s), p.roomId) });
  }

  @SubscribeMessage(ClientEvent.facilitatorGrant)
  async grant(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(facilitatorGrantSchema) p: P['facilitator:grant'],
  ): Promise<RoomAck> {
    return ok({ room: await this.facilitation.grant(actorOf(s), p.roomId, p.accountId) });
  }

  @SubscribeMessage(ClientEvent.facilitatorRevoke)
  async revoke(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(facilitatorRevokeSchema) p: P['facilitator:revoke'],
  ): Promise<RoomAck> {
    return ok({ room: await this.facilitation.revoke(actorOf(s), p.roomId, p.accountId) });
  }

  @SubscribeMessage(ClientEvent.issueSkip)
  async skip(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(issueSkipSchema) p: P['issue:skip'],
  ): Promise<RoomAck> {
    return ok({ room: await this.facilitation.skip(actorOf(s), p.roomId, p.issueKey) });
  }
}
