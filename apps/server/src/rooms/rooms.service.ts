import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  RoomCreatePayload,
  RoomJoinPayload,
  RoomSummary,
  RoomTransferPayload,
  RoomUpdatePayload,
} from '@poker/shared';
import { DataSource } from 'typeorm';
import { conflict, DomainError, forbidden, notFound } from '../errors/domain.error';
import { PresenceService } from './presence.service';
import type { RoomAggregate } from './room-aggregate';
import { ROOM_LIMITS } from './room-limits';
import { ActorView, RoomMutator } from './room-mutator.service';
import { RoomCache } from './room-cache.service';
import { KeyedBatcher } from './keyed-batcher';
import { RoomRemovalService } from './room-removal.service';
import { Actor, requireMember, requireOwner } from './room-rules';
import { Room } from './room.entity';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { Vote } from './vote.entity';
import type { RoomWrites } from './room-commit';
import { byAccountId } from './room-aggregate';

/** How the service moves a socket in and out of a room's broadcasts, without knowing Socket.IO. */
export interface RoomConnection {
  enter(roomId: string): Promise<void>;
  exit(roomId: string): Promise<void>;
  /** Whether the socket already receives the room (it joined before). */
  isIn(roomId: string): boolean;
}

/**
 * How long a member's last socket may be gone before the room shows them offline. A reload, a
 * network blip or a node restart reconnects well within it, so the others see no flicker and the
 * room is not changed twice (offline, then online again) for every dropped connection.
 */
const OFFLINE_GRACE_MS = 1000;

/** Room lifecycle: create, list, join, leave, configure, hand over and remove. */
@Injectable()
export class RoomsService {
  /**
   * Creations of one site go to the database in batches, one batch at a time on this node:
   * a burst (everyone opening rooms at a planning day's start) commits together instead of
   * queueing one by one for the site's lock, and waits on this node, not holding pool
   * connections that every other room change needs.
   */
  private readonly creations = new KeyedBatcher<RoomAggregate, boolean>(
    (tenantId, batch) => this.insertRooms(tenantId, batch),
    CREATION_BATCH,
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly mutator: RoomMutator,
    private readonly presence: PresenceService,
    private readonly removal: RoomRemovalService,
    private readonly cache: RoomCache,
  ) {}

  async create(
    actor: Actor,
    payload: RoomCreatePayload,
    connection: RoomConnection,
  ): Promise<ActorView> {
    if (payload.issueKeys.length > ROOM_LIMITS.issuesPerRoom) {
      throw conflict(`A room holds at most ${ROOM_LIMITS.issuesPerRoom} issues.`);
    }
    const aggregate = newRoom(actor, payload);
    const { room } = aggregate;
    const created = await this.creations.submit(actor.tenantId, aggregate);
    if (!created) {
      throw conflict(
        `This site already has ${ROOM_LIMITS.roomsPerTenant} rooms; remove one first.`,
      );
    }
    // Every row of the new room is known: the owner's join starts from the cache.
    this.cache.put(aggregate);
    const roomId = room.id;
    return this.join(actor, { roomId, role: 'voter' }, connection);
  }

  /**
   * Inserts a batch of one site's new rooms in one transaction (the site's creation lock, then
   * one statement); per room whether it fitted under the cap. The rooms were validated before,
   * so what can fail here is the database, which fails the whole batch alike.
   */
  private insertRooms(tenantId: string, batch: RoomAggregate[]): Promise<boolean[]> {
    return this.dataSource.transaction(async (em) => {
      // Serialise creations per tenant (across nodes) so the cap cannot be raced past.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [tenantId]);
      const rows = await em.query<{ id: string }[]>(
        CREATE_ROOMS,
        createRoomsValues(tenantId, batch),
      );
      const created = new Set(rows.map((row) => row.id));
      return batch.map(({ room }) => created.has(room.id));
    });
  }

  async list(actor: Actor): Promise<RoomSummary[]> {
    const rows = await this.dataSource
      .getRepository(Room)
      .createQueryBuilder('room')
      .leftJoin(RoomIssue, 'issue', 'issue.room_id = room.id')
      .select(['room.id AS id', 'room.name AS name', 'room.owner_account_id AS owner'])
      .addSelect('room.updated_at', 'updated')
      .addSelect('COUNT(issue.issue_key)::int', 'issues')
      .where('room.tenant_id = :tenantId', { tenantId: actor.tenantId })
      .groupBy('room.id')
      .orderBy('room.updated_at', 'DESC')
      .getRawMany<{ id: string; name: string; owner: string; updated: Date; issues: number }>();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      ownerAccountId: row.owner,
      issueCount: row.issues,
      updatedAt: new Date(row.updated).toISOString(),
    }));
  }

  /** Joins (or re-joins after a reconnect) and answers with the full snapshot to resync from. */
  async join(
    actor: Actor,
    payload: RoomJoinPayload,
    connection: RoomConnection,
  ): Promise<ActorView> {
    const enter = async ({ members }: RoomAggregate) => {
      const known = members.some((m) => m.accountId === actor.accountId);
      if (!known && members.length >= ROOM_LIMITS.membersPerRoom) {
        throw conflict(`This room is full (${ROOM_LIMITS.membersPerRoom} members).`);
      }
      await connection.enter(payload.roomId);
    };
    const wasIn = connection.isIn(payload.roomId);
    try {
      return await this.mutator.apply(
        actor,
        payload.roomId,
        ({ aggregate, writes }) => {
          const member = aggregate.members.find((m) => m.accountId === actor.accountId);
          const role =
            member?.role === 'owner' ? 'owner' : (payload.role ?? member?.role ?? 'voter');
          const row = Object.assign(new RoomMember(), {
            roomId: aggregate.room.id,
            accountId: actor.accountId,
            role,
            lastSeenAt: new Date(),
          });
          writes.upsertMember(row);
          aggregate.members = withMember(aggregate.members, row);
          if (role === 'observer') dropCurrentVote(aggregate, actor.accountId, writes);
        },
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
    await this.mutator.apply(
      actor,
      roomId,
      ({ aggregate, writes }) => {
        const member = requireMember(aggregate, actor);
        if (member.role === 'owner') {
          touchMember(aggregate, member, writes);
          return;
        }
        dropCurrentVote(aggregate, actor.accountId, writes);
        writes.removeMember(actor.accountId);
        aggregate.members = aggregate.members.filter((m) => m.accountId !== actor.accountId);
      },
      { presenceChanged: true, beforePresence: () => connection.exit(roomId) },
    );
  }

  /**
   * A socket went away: after a short grace, the member goes offline unless one of their
   * sockets (on any node) is in the room again or still was.
   */
  async disconnected(actor: Actor, roomId: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_GRACE_MS).unref());
    // The node shut down meanwhile: the other nodes' presence has taken over.
    if (!this.dataSource.isInitialized) return;
    if (this.presence.hasLocalSocket(roomId, actor.accountId)) return;
    await this.mutator.apply(
      actor,
      roomId,
      ({ aggregate, online, writes }) => {
        if (online.has(actor.accountId)) return 'unchanged';
        const member = aggregate.members.find((m) => m.accountId === actor.accountId);
        if (member) touchMember(aggregate, member, writes);
      },
      { presenceChanged: true },
    );
  }

  async update(actor: Actor, payload: RoomUpdatePayload): Promise<ActorView> {
    return this.mutator.mutate(actor, payload.roomId, async ({ em, aggregate }) => {
      requireOwner(aggregate, actor, 'change the room settings');
      const { room } = aggregate;
      if (payload.name !== undefined) room.name = payload.name;
      if (payload.fieldId !== undefined) room.fieldId = payload.fieldId;
      if (payload.autoReveal !== undefined) room.autoReveal = payload.autoReveal;
      if (payload.autoAdvance !== undefined) room.autoAdvance = payload.autoAdvance;
      if (
        payload.deck !== undefined &&
        JSON.stringify(payload.deck) !== JSON.stringify(room.deck)
      ) {
        room.deck = payload.deck;
        // Cards of the old deck may not exist in the new one: the round starts over.
        if (room.currentIssueKey && !room.revealed) {
          await em.delete(Vote, {
            roomId: room.id,
            issueKey: room.currentIssueKey,
            round: room.round,
          });
        }
      }
    });
  }

  /**
   * Hands the room to another member. A member may also take it over when the owner has been
   * offline for longer than the configured time, so a room never gets stuck.
   */
  async transfer(
    actor: Actor,
    payload: RoomTransferPayload,
    takeoverAfterMs: number,
  ): Promise<ActorView> {
    return this.mutator.mutate(actor, payload.roomId, async ({ em, aggregate, online }) => {
      const { room } = aggregate;
      const isOwner = room.ownerAccountId === actor.accountId;
      if (!isOwner) {
        requireMember(aggregate, actor);
        const owner = aggregate.members.find((m) => m.accountId === room.ownerAccountId);
        const offlineFor = owner ? Date.now() - owner.lastSeenAt.getTime() : Infinity;
        const canTakeOver =
          payload.accountId === actor.accountId &&
          !online.has(room.ownerAccountId) &&
          offlineFor >= takeoverAfterMs;
        if (!canTakeOver) {
          throw forbidden(
            'Only the room owner can hand it over; a member can take it over once the owner has been offline for a while.',
          );
        }
      }
      if (payload.accountId === room.ownerAccountId) return 'unchanged';
      const target = aggregate.members.find((m) => m.accountId === payload.accountId);
      if (!target) throw notFound('Member');
      await em.update(
        RoomMember,
        { roomId: room.id, accountId: room.ownerAccountId },
        { role: 'voter' },
      );
      await em.update(
        RoomMember,
        { roomId: room.id, accountId: target.accountId },
        { role: 'owner' },
      );
      room.ownerAccountId = target.accountId;
    });
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

/** The members with `row` added or replacing the member of the same account, in row order. */
function withMember(members: RoomMember[], row: RoomMember): RoomMember[] {
  const others = members.filter((m) => m.accountId !== row.accountId);
  return [...others, row].sort(byAccountId);
}

/** The member was seen just now (left, or went offline): their row's `lastSeenAt` moves. */
function touchMember(aggregate: RoomAggregate, member: RoomMember, writes: RoomWrites): void {
  const row = Object.assign(new RoomMember(), member, { lastSeenAt: new Date() });
  writes.upsertMember(row);
  aggregate.members = withMember(aggregate.members, row);
}

/** A member who leaves or observes holds no card in the round in play (revealed rounds stay). */
function dropCurrentVote(aggregate: RoomAggregate, accountId: string, writes: RoomWrites): void {
  const { room } = aggregate;
  if (!room.currentIssueKey || room.revealed) return;
  const { currentIssueKey: issueKey, round } = room;
  writes.vote({ issueKey, round, accountId, value: null });
  aggregate.votes = aggregate.votes.filter(
    (v) => !(v.issueKey === issueKey && v.round === round && v.accountId === accountId),
  );
}

/**
 * One statement after the tenant's creation lock: counts the tenant's rooms and inserts the
 * batch's rooms, in order, while they stay within the cap ($2), each with its owner as the
 * only member and its issue queue. The ids of the rooms created come back. One statement
 * rather than one per room: under a join storm every round trip also waits for a turn of a
 * busy event loop, and 50 of them in a row took 400 ms.
 */
const CREATE_ROOMS = `
  WITH capacity AS (SELECT count(*) AS rooms FROM room WHERE tenant_id = $1),
  incoming AS (
    SELECT * FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::boolean[], $9::text[], $10::integer[], $11::timestamptz[])
    WITH ORDINALITY AS r(id, owner_account_id, name, deck, field_id, auto_reveal,
      current_issue_key, round, updated_at, ord)),
  created AS (
    INSERT INTO room (id, tenant_id, owner_account_id, name, deck, field_id, auto_reveal,
      auto_advance, current_issue_key, round, revealed, timer_ends_at, version, updated_at)
    SELECT i.id, $1, i.owner_account_id, i.name, i.deck::jsonb, i.field_id, i.auto_reveal,
      false, i.current_issue_key, i.round, false, NULL, 1, i.updated_at
    FROM incoming i, capacity WHERE capacity.rooms + i.ord <= $2
    RETURNING id, owner_account_id, updated_at),
  owners AS (
    INSERT INTO room_member (room_id, account_id, role, last_seen_at)
    SELECT id, owner_account_id, 'owner', updated_at FROM created),
  queue AS (
    INSERT INTO room_issue (room_id, issue_key, position)
    SELECT q.room_id, q.issue_key, q.position
    FROM unnest($12::uuid[], $13::text[], $14::integer[]) AS q(room_id, issue_key, position)
    JOIN created ON created.id = q.room_id)
  SELECT id FROM created`;

/** The parameters of CREATE_ROOMS: the rooms column by column, their issues flattened. */
function createRoomsValues(tenantId: string, batch: RoomAggregate[]): unknown[] {
  const rooms = batch.map(({ room }) => room);
  const issues = batch.flatMap((aggregate) => aggregate.issues);
  return [
    tenantId,
    ROOM_LIMITS.roomsPerTenant,
    rooms.map((room) => room.id),
    rooms.map((room) => room.ownerAccountId),
    rooms.map((room) => room.name),
    rooms.map((room) => JSON.stringify(room.deck)),
    rooms.map((room) => room.fieldId),
    rooms.map((room) => room.autoReveal),
    rooms.map((room) => room.currentIssueKey),
    rooms.map((room) => room.round),
    rooms.map((room) => room.updatedAt),
    issues.map((issue) => issue.roomId),
    issues.map((issue) => issue.issueKey),
    issues.map((issue) => issue.position),
  ];
}

/** Rooms one creation transaction inserts at most (a few milliseconds of statements). */
const CREATION_BATCH = 50;

/** The rows of a room as created: its owner as the only member, the first issue in play. */
function newRoom(actor: Actor, payload: RoomCreatePayload): RoomAggregate {
  const first = payload.issueKeys[0] ?? null;
  const now = new Date();
  const room = Object.assign(new Room(), {
    id: randomUUID(),
    tenantId: actor.tenantId,
    ownerAccountId: actor.accountId,
    name: payload.name,
    deck: payload.deck,
    fieldId: payload.fieldId ?? null,
    autoReveal: payload.autoReveal ?? false,
    autoAdvance: false,
    currentIssueKey: first,
    round: first ? 1 : 0,
    revealed: false,
    timerEndsAt: null,
    version: 1,
    updatedAt: now,
  });
  const owner = Object.assign(new RoomMember(), {
    roomId: room.id,
    accountId: actor.accountId,
    role: 'owner',
    lastSeenAt: now,
  });
  const issues = payload.issueKeys.map((issueKey, position) =>
    Object.assign(new RoomIssue(), {
      roomId: room.id,
      issueKey,
      position,
      savedValue: null,
      savedAt: null,
      savedByAccountId: null,
    }),
  );
  return { room, members: [owner], issues, votes: [] };
}
