import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  RoomCreatePayload,
  RoomJoinPayload,
  RoomSummary,
  RoomTransferPayload,
  RoomUpdatePayload,
} from '@poker/shared';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { conflict, DomainError, notFound } from '../errors/domain.error';
import { KeyedBatcher } from './commit/keyed-batcher';
import { RoomCommitter, type ActorView } from './commit/room-committer.service';
import { RoomRemovalService } from './commit/room-removal.service';
import { IssueQueueService } from './issue-queue.service';
import { PresenceService } from './live/presence.service';
import type { RoomConnection } from './live/room-connection';
import type { Actor } from './rules/actor';
import type { RoomAggregate } from './rules/room-aggregate';
import { requireOwner } from './rules/room-guards';
import { ROOM_LIMITS } from './rules/room-limits';
import { createRoom } from './rules/transitions/create-room';
import { goOffline } from './rules/transitions/go-offline';
import { admitMember, joinRoom } from './rules/transitions/join-room';
import { leaveRoom } from './rules/transitions/leave-room';
import { transferRoom } from './rules/transitions/transfer-room';
import { updateSettings } from './rules/transitions/update-settings';
import { RoomCache } from './store/room-cache.service';
import { RoomRepository } from './store/room.repository';

/**
 * How long a member's last socket may be gone before the room shows them offline. A reload, a
 * network blip or a node restart reconnects well within it, so the others see no flicker and the
 * room is not changed twice (offline, then online again) for every dropped connection.
 */
const OFFLINE_GRACE_MS = 1000;

/** Rooms one creation transaction inserts at most (a few milliseconds of statements). */
const CREATION_BATCH = 50;

/** Room lifecycle: create, list, join, leave, configure, hand over and remove. */
@Injectable()
export class RoomsService {
  private readonly logger = new Logger(RoomsService.name);
  /**
   * Creations of one site go to the database in batches, one batch at a time on this node:
   * a burst (everyone opening rooms at a planning day's start) commits together instead of
   * queueing one by one for the site's lock, and waits on this node, not holding pool
   * connections that every other room change needs.
   */
  private readonly creations = new KeyedBatcher<RoomAggregate, boolean>(
    (tenantId, batch) => this.rooms.insertRooms(tenantId, batch, ROOM_LIMITS.roomsPerTenant),
    CREATION_BATCH,
  );

  constructor(
    private readonly rooms: RoomRepository,
    private readonly committer: RoomCommitter,
    private readonly presence: PresenceService,
    private readonly removal: RoomRemovalService,
    private readonly cache: RoomCache,
    private readonly issueQueue: IssueQueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates the room from the typed keys and the JQL's results (as the person sees them); issues
   * picked from a board keep the board's estimate field.
   */
  async create(
    actor: Actor,
    payload: RoomCreatePayload,
    connection: RoomConnection,
  ): Promise<ActorView> {
    const issueKeys = await this.issueQueue.resolve(actor, payload.issueKeys, payload.jql);
    if (payload.fieldId) await this.issueQueue.requireNumberField(actor, payload.fieldId);
    await this.issueQueue.requireEstimateFields(actor, payload.issueFields);
    const aggregate = createRoom(actor, { ...payload, issueKeys, id: randomUUID() }, new Date());
    const created = await this.creations.submit(actor.tenantId, aggregate);
    if (!created) {
      throw conflict(
        `This site already has ${ROOM_LIMITS.roomsPerTenant} rooms; remove one first.`,
      );
    }
    // Every row of the new room is known: the owner's join starts from the cache.
    this.cache.put(aggregate);
    return this.join(actor, { roomId: aggregate.room.id, role: 'voter' }, connection);
  }

  async list(actor: Actor): Promise<RoomSummary[]> {
    return (await this.rooms.list(actor.tenantId)).map(({ summary }) => summary);
  }

  /** Joins (or re-joins after a reconnect) and answers with the full snapshot to resync from. */
  async join(
    actor: Actor,
    payload: RoomJoinPayload,
    connection: RoomConnection,
  ): Promise<ActorView> {
    // A full room refuses before the socket receives a single broadcast of it.
    const enter = async (aggregate: RoomAggregate) => {
      admitMember(aggregate, actor);
      await connection.enter(payload.roomId);
    };
    const wasIn = connection.isIn(payload.roomId);
    try {
      return await this.committer.apply(
        actor,
        payload.roomId,
        (aggregate, context) => joinRoom(aggregate, actor, payload, context),
        { presenceChanged: true, beforePresence: enter },
      );
    } catch (error) {
      // A refusal takes the socket out of the room's broadcasts: a non-member must not receive
      // them. A failure (database away) leaves a member's re-join as it was, still receiving.
      if (error instanceof DomainError || !wasIn) await connection.exit(payload.roomId);
      throw error;
    }
  }

  /** Leaves the room: the member is removed (the owner stays owner) and goes offline. */
  async leave(actor: Actor, roomId: string, connection: RoomConnection): Promise<void> {
    await this.committer.apply(
      actor,
      roomId,
      (aggregate, context) => leaveRoom(aggregate, actor, undefined, context),
      { presenceChanged: true, beforePresence: () => connection.exit(roomId) },
    );
  }

  /** A socket closed: each room it was in learns in the background (see `disconnected`). */
  socketClosed(actor: Actor, roomIds: readonly string[]): void {
    for (const roomId of roomIds) {
      this.disconnected(actor, roomId).catch((error: unknown) => {
        this.logger.warn(
          `Presence update failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    }
  }

  /**
   * A socket went away: after a short grace, the member goes offline unless one of their
   * sockets (on any node) is in the room again or still was.
   */
  async disconnected(actor: Actor, roomId: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_GRACE_MS).unref());
    // The node shut down meanwhile: the other nodes' presence has taken over.
    if (!this.rooms.isOpen) return;
    if (this.presence.hasLocalSocket(roomId, actor.accountId)) return;
    await this.committer.apply(
      actor,
      roomId,
      (aggregate, context) => goOffline(aggregate, actor, undefined, context),
      { presenceChanged: true },
    );
  }

  async update(actor: Actor, payload: RoomUpdatePayload): Promise<ActorView> {
    if (payload.fieldId) await this.issueQueue.requireNumberField(actor, payload.fieldId);
    // Switching anonymity off: which rounds had cards, so their names stay hidden.
    const votedRounds =
      payload.anonymousReveal === false
        ? await this.rooms.votedRounds(actor.tenantId, payload.roomId)
        : undefined;
    return this.committer.apply(actor, payload.roomId, (aggregate, context) =>
      updateSettings(aggregate, actor, { ...payload, votedRounds }, context),
    );
  }

  /**
   * Hands the room to another member, or lets a member take it over from an owner who has been
   * offline for OWNER_TAKEOVER_SECONDS.
   */
  async transfer(actor: Actor, payload: RoomTransferPayload): Promise<ActorView> {
    const takeoverAfterMs = this.config.ownerTakeoverSeconds * 1000;
    return this.committer.apply(actor, payload.roomId, (aggregate, context) =>
      transferRoom(aggregate, actor, { accountId: payload.accountId, takeoverAfterMs }, context),
    );
  }

  /** Deletes the room and every row that references it, in one statement (ON DELETE CASCADE). */
  async remove(actor: Actor, roomId: string): Promise<void> {
    const removed = await this.removal.removeIf(actor.tenantId, roomId, (aggregate) => {
      requireOwner(aggregate, actor, 'remove the room');
      return true;
    });
    if (!removed) throw notFound();
  }
}
