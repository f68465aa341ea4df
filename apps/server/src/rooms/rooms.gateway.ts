import { UseFilters, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  ClientEvent,
  estimateSaveSchema,
  issueAddSchema,
  issueRemoveSchema,
  issueSelectSchema,
  ok,
  POKER_NAMESPACE,
  roomCreateSchema,
  roomJoinSchema,
  roomLeaveSchema,
  roomListSchema,
  roomRemoveSchema,
  roomTransferSchema,
  roomUpdateSchema,
  timerStartSchema,
  timerStopSchema,
  voteCastSchema,
  voteResetSchema,
  voteRevealSchema,
  type AckSuccess,
  type ClientPayloads as P,
  type RoomAckData,
  type RoomSnapshot,
  type RoomSummary,
} from '@poker/shared';
import type { Namespace } from 'socket.io';
import { WsExceptionFilter } from '../errors/ws-exception.filter';
import { validatedBody } from '../validation/validated-body';
import { EstimatesService } from './estimates.service';
import { PokerNamespace } from './live/poker-namespace.service';
import type { PokerSocket } from './live/room-channel';
import { connectionOf } from './live/room-connection';
import { listWatcherOf } from './live/room-list-publisher.service';
import { SessionExpiryGuard } from './live/session-expiry.guard';
import { SocketRateLimitGuard } from './live/socket-rate-limit.guard';
import type { Actor } from './rules/actor';
import { RoomListService } from './room-list.service';
import { RoomsService } from './rooms.service';
import { RoundsService } from './rounds.service';

type RoomAck = AckSuccess<{ room: RoomSnapshot }>;

/**
 * The realtime protocol of DESIGN.md, namespace `/poker`. Each handler only validates (pipe)
 * and calls one service method; the guards check the session and the rate limit, and errors
 * become `{ ok: false, error }` acks (filter).
 */
@UseFilters(WsExceptionFilter)
@UseGuards(SessionExpiryGuard, SocketRateLimitGuard)
@WebSocketGateway({ namespace: POKER_NAMESPACE })
export class RoomsGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection, OnGatewayDisconnect<PokerSocket>
{
  constructor(
    private readonly rooms: RoomsService,
    private readonly rounds: RoundsService,
    private readonly estimates: EstimatesService,
    private readonly namespace: PokerNamespace,
    private readonly roomList: RoomListService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace.attach(namespace);
  }

  handleConnection(socket: PokerSocket): void {
    this.namespace.connected(socket);
  }

  handleDisconnect(socket: PokerSocket): void {
    const roomIds = this.namespace.disconnected(socket);
    // A socket refused at the handshake has no identity and joined nothing.
    if (roomIds.length > 0) this.rooms.socketClosed(actorOf(socket), roomIds);
  }

  @SubscribeMessage(ClientEvent.roomCreate)
  async create(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(roomCreateSchema) p: P['room:create'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rooms.create(actorOf(s), p, connectionOf(s)) });
  }

  @SubscribeMessage(ClientEvent.roomList)
  async list(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(roomListSchema) p: P['room:list'],
  ): Promise<AckSuccess<{ rooms: RoomSummary[] }>> {
    return ok({ rooms: await this.roomList.list(actorOf(s), p, listWatcherOf(s)) });
  }

  @SubscribeMessage(ClientEvent.roomJoin)
  async join(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(roomJoinSchema) p: P['room:join'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rooms.join(actorOf(s), p, connectionOf(s)) });
  }

  @SubscribeMessage(ClientEvent.roomLeave)
  async leave(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(roomLeaveSchema) p: P['room:leave'],
  ): Promise<AckSuccess<Record<string, never>>> {
    await this.rooms.leave(actorOf(s), p.roomId, connectionOf(s));
    return ok({});
  }

  @SubscribeMessage(ClientEvent.roomUpdate)
  async update(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(roomUpdateSchema) p: P['room:update'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rooms.update(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.issueAdd)
  async addIssues(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(issueAddSchema) p: P['issue:add'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.addIssues(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.issueRemove)
  async removeIssues(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(issueRemoveSchema) p: P['issue:remove'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.removeIssues(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.issueSelect)
  async selectIssue(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(issueSelectSchema) p: P['issue:select'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.selectIssue(actorOf(s), p.roomId, p.issueKey) });
  }

  @SubscribeMessage(ClientEvent.voteCast)
  async vote(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(voteCastSchema) p: P['vote:cast'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.castVote(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.voteReveal)
  async reveal(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(voteRevealSchema) p: P['vote:reveal'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.revealVotes(actorOf(s), p.roomId) });
  }

  @SubscribeMessage(ClientEvent.voteReset)
  async reset(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(voteResetSchema) p: P['vote:reset'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.resetVotes(actorOf(s), p.roomId) });
  }

  @SubscribeMessage(ClientEvent.timerStart)
  async startTimer(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(timerStartSchema) p: P['timer:start'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.startTimer(actorOf(s), p.roomId, p.seconds) });
  }

  @SubscribeMessage(ClientEvent.timerStop)
  async stopTimer(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(timerStopSchema) p: P['timer:stop'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.stopTimer(actorOf(s), p.roomId) });
  }

  @SubscribeMessage(ClientEvent.estimateSave)
  async save(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(estimateSaveSchema) p: P['estimate:save'],
  ): Promise<AckSuccess<RoomAckData>> {
    const { room, warnings } = await this.estimates.save(actorOf(s), p);
    // Warnings: the estimate is saved, something after it (the record in Jira) is not yet.
    return ok(warnings.length > 0 ? { room, warnings } : { room });
  }

  @SubscribeMessage(ClientEvent.roomTransfer)
  async transfer(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(roomTransferSchema) p: P['room:transfer'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rooms.transfer(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.roomRemove)
  async remove(
    @ConnectedSocket() s: PokerSocket,
    @validatedBody(roomRemoveSchema) p: P['room:remove'],
  ): Promise<AckSuccess<Record<string, never>>> {
    await this.rooms.remove(actorOf(s), p.roomId);
    return ok({});
  }
}

function actorOf(socket: PokerSocket): Actor {
  const { tenantId, accountId, jira } = socket.data;
  return jira ? { tenantId, accountId, jira } : { tenantId, accountId };
}
