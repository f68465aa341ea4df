import { Inject, Logger, UseFilters, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
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
  type RoomSnapshot,
  type RoomSummary,
} from '@poker/shared';
import type { Namespace } from 'socket.io';
import type { ZodType } from 'zod';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { WsExceptionFilter } from '../errors/ws-exception.filter';
import { EstimatesService } from '../estimates/estimates.service';
import { IssueQueueService } from '../jira/issue-queue.service';
import { JwtVerifierService } from '../jwt/jwt-verifier.service';
import { MetricsService } from '../metrics/metrics.service';
import { SocketCap } from '../rate-limits/socket-cap.service';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { PresenceService } from './presence.service';
import { RoomAccess } from './room-access.service';
import { RoomBroadcaster } from './room-broadcaster.service';
import { accountChannel, roomChannel, tenantChannel, type PokerSocket } from './room-channel';
import type { Actor } from './room-rules';
import { RoomConnection, RoomsService } from './rooms.service';
import { RoundsService } from './rounds.service';
import { SessionExpiryGuard } from './session-expiry.guard';
import { SocketEvictions } from './socket-evictions.service';
import { socketAuthMiddleware } from './socket-auth';
import { SocketRateLimitGuard } from './socket-rate-limit.guard';

type RoomAck = AckSuccess<{ room: RoomSnapshot }>;

/** The payload, validated against its shared schema (BAD_REQUEST otherwise). */
const body = (schema: ZodType) => MessageBody(new ZodValidationPipe(schema));

/**
 * The realtime protocol of DESIGN.md, namespace `/poker`. Each handler only validates (pipe),
 * rate-limits (guard) and delegates; errors become `{ ok: false, error }` acks (filter).
 */
@UseFilters(WsExceptionFilter)
@UseGuards(SessionExpiryGuard, SocketRateLimitGuard)
@WebSocketGateway({ namespace: POKER_NAMESPACE })
export class RoomsGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection, OnGatewayDisconnect<PokerSocket>
{
  private readonly logger = new Logger(RoomsGateway.name);

  constructor(
    private readonly rooms: RoomsService,
    private readonly access: RoomAccess,
    private readonly rounds: RoundsService,
    private readonly estimates: EstimatesService,
    private readonly issueQueue: IssueQueueService,
    private readonly presence: PresenceService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly verifier: JwtVerifierService,
    private readonly metrics: MetricsService,
    private readonly evictions: SocketEvictions,
    private readonly socketCap: SocketCap,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handleConnection(socket: PokerSocket): void {
    this.metrics.sockets.inc();
    // Channels that SocketEvictions closes on every node: the site's, and the person's.
    const { tenantId, accountId } = socket.data;
    void socket.join([tenantChannel(tenantId), accountChannel(tenantId, accountId)]);
  }

  afterInit(namespace: Namespace): void {
    const authenticate = socketAuthMiddleware(this.verifier, (tenantId, accountId) =>
      this.evictions.isShutOut(tenantId, accountId),
    );
    namespace.use((socket, next) => void authenticate(socket, next));
    namespace.use(this.socketCap.middleware());
    this.presence.attach(namespace);
    this.broadcaster.attach(namespace);
    this.evictions.attach(namespace);
  }

  handleDisconnect(socket: PokerSocket): void {
    this.metrics.sockets.dec();
    // A socket refused at the handshake has no identity and joined nothing.
    if (!socket.data?.roomIds) return;
    for (const roomId of socket.data.roomIds) {
      this.rooms.disconnected(actorOf(socket), roomId).catch((error: unknown) => {
        this.logger.warn(
          `Presence update failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    }
  }

  @SubscribeMessage(ClientEvent.roomCreate)
  async create(
    @ConnectedSocket() s: PokerSocket,
    @body(roomCreateSchema) p: P['room:create'],
  ): Promise<RoomAck> {
    const issueKeys = await this.issueQueue.resolve(actorOf(s), p.issueKeys, p.jql);
    const fieldId = p.fieldId;
    if (fieldId) await this.issueQueue.requireNumericField(actorOf(s), fieldId);
    return ok({ room: await this.rooms.create(actorOf(s), { ...p, issueKeys }, connectionOf(s)) });
  }

  @SubscribeMessage(ClientEvent.roomList)
  async list(
    @ConnectedSocket() s: PokerSocket,
    @body(roomListSchema) _p: P['room:list'],
  ): Promise<AckSuccess<{ rooms: RoomSummary[] }>> {
    return ok({ rooms: await this.rooms.list(actorOf(s)) });
  }

  @SubscribeMessage(ClientEvent.roomJoin)
  async join(
    @ConnectedSocket() s: PokerSocket,
    @body(roomJoinSchema) p: P['room:join'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rooms.join(actorOf(s), p, connectionOf(s)) });
  }

  @SubscribeMessage(ClientEvent.roomLeave)
  async leave(
    @ConnectedSocket() s: PokerSocket,
    @body(roomLeaveSchema) p: P['room:leave'],
  ): Promise<AckSuccess<Record<string, never>>> {
    await this.rooms.leave(actorOf(s), p.roomId, connectionOf(s));
    return ok({});
  }

  @SubscribeMessage(ClientEvent.roomUpdate)
  async update(
    @ConnectedSocket() s: PokerSocket,
    @body(roomUpdateSchema) p: P['room:update'],
  ): Promise<RoomAck> {
    if (p.fieldId) await this.issueQueue.requireNumericField(actorOf(s), p.fieldId);
    return ok({ room: await this.rooms.update(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.issueAdd)
  async addIssues(
    @ConnectedSocket() s: PokerSocket,
    @body(issueAddSchema) p: P['issue:add'],
  ): Promise<RoomAck> {
    await this.access.requireOwned(actorOf(s), p.roomId, 'change the issues');
    const keys = await this.issueQueue.resolve(actorOf(s), p.issueKeys, p.jql);
    return ok({ room: await this.rounds.addIssues(actorOf(s), p.roomId, keys) });
  }

  @SubscribeMessage(ClientEvent.issueRemove)
  async removeIssues(
    @ConnectedSocket() s: PokerSocket,
    @body(issueRemoveSchema) p: P['issue:remove'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.removeIssues(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.issueSelect)
  async selectIssue(
    @ConnectedSocket() s: PokerSocket,
    @body(issueSelectSchema) p: P['issue:select'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.selectIssue(actorOf(s), p.roomId, p.issueKey) });
  }

  @SubscribeMessage(ClientEvent.voteCast)
  async vote(
    @ConnectedSocket() s: PokerSocket,
    @body(voteCastSchema) p: P['vote:cast'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.castVote(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.voteReveal)
  async reveal(
    @ConnectedSocket() s: PokerSocket,
    @body(voteRevealSchema) p: P['vote:reveal'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.revealVotes(actorOf(s), p.roomId) });
  }

  @SubscribeMessage(ClientEvent.voteReset)
  async reset(
    @ConnectedSocket() s: PokerSocket,
    @body(voteResetSchema) p: P['vote:reset'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.resetVotes(actorOf(s), p.roomId) });
  }

  @SubscribeMessage(ClientEvent.timerStart)
  async startTimer(
    @ConnectedSocket() s: PokerSocket,
    @body(timerStartSchema) p: P['timer:start'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.startTimer(actorOf(s), p.roomId, p.seconds) });
  }

  @SubscribeMessage(ClientEvent.timerStop)
  async stopTimer(
    @ConnectedSocket() s: PokerSocket,
    @body(timerStopSchema) p: P['timer:stop'],
  ): Promise<RoomAck> {
    return ok({ room: await this.rounds.stopTimer(actorOf(s), p.roomId) });
  }

  @SubscribeMessage(ClientEvent.estimateSave)
  async save(
    @ConnectedSocket() s: PokerSocket,
    @body(estimateSaveSchema) p: P['estimate:save'],
  ): Promise<RoomAck> {
    return ok({ room: await this.estimates.save(actorOf(s), p) });
  }

  @SubscribeMessage(ClientEvent.roomTransfer)
  async transfer(
    @ConnectedSocket() s: PokerSocket,
    @body(roomTransferSchema) p: P['room:transfer'],
  ): Promise<RoomAck> {
    const takeoverMs = this.config.ownerTakeoverSeconds * 1000;
    return ok({ room: await this.rooms.transfer(actorOf(s), p, takeoverMs) });
  }

  @SubscribeMessage(ClientEvent.roomRemove)
  async remove(
    @ConnectedSocket() s: PokerSocket,
    @body(roomRemoveSchema) p: P['room:remove'],
  ): Promise<AckSuccess<Record<string, never>>> {
    await this.rooms.remove(actorOf(s), p.roomId);
    return ok({});
  }
}

function actorOf(socket: PokerSocket): Actor {
  const { tenantId, accountId, jira } = socket.data;
  return jira ? { tenantId, accountId, jira } : { tenantId, accountId };
}

/** Joins and leaves the socket's Socket.IO rooms and remembers them for disconnect. */
function connectionOf(socket: PokerSocket): RoomConnection {
  return {
    enter: async (roomId) => {
      await socket.join(roomChannel(roomId));
      if (!socket.data.roomIds.includes(roomId)) socket.data.roomIds.push(roomId);
    },
    exit: async (roomId) => {
      await socket.leave(roomChannel(roomId));
      socket.data.roomIds = socket.data.roomIds.filter((id) => id !== roomId);
    },
    isIn: (roomId) => socket.data.roomIds.includes(roomId),
  };
}
