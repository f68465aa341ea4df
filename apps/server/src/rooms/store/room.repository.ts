import { Injectable } from '@nestjs/common';
import type { DeckKind, RoomListIssue, RoomSummary } from '@poker/shared';
import type { Pool } from 'pg';
import {
  DataSource,
  LessThan,
  LessThanOrEqual,
  MoreThanOrEqual,
  type EntityManager,
} from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import {
  byAccountId,
  type RoomAggregate,
  type RoomRow,
  type VoteRow,
} from '../rules/room-aggregate';
import { ASYNC_ROUND } from '../rules/async-votes';
import { HISTORY_ROUNDS } from '../rules/room-limits';
import type { RoomWrites } from '../rules/room-writes';
import { commitStatement, type CommitResult } from './commit-statement';
import { CommitGroups } from './commit-groups';
import { createRoomsStatement } from './create-statement';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { Room } from './room.entity';
import { Vote } from './vote.entity';

/** A room row locked for the length of a transaction, and what may be done with it. */
export interface LockedRoom {
  room: RoomRow;
  /** The room's rows as a snapshot needs them, read in the transaction. */
  load(): Promise<RoomAggregate>;
  /** Commits `writes` (already applied to `room`) and bumps the version. */
  commit(room: RoomRow, writes: RoomWrites): Promise<CommitResult>;
  /** Deletes the room; its members, issues and votes go with it (ON DELETE CASCADE). */
  remove(): Promise<void>;
}

/** Who holds an account ID in a tenant's rows, and when we last stored something for it. */
export interface StoredAccount {
  accountId: string;
  updatedAt: Date;
}

/** One room of `RoomRepository.list`: its summary (no one online yet), and the issue asked for. */
export interface ListedRoom {
  summary: RoomSummary;
  issue?: RoomListIssue;
}

interface ListedRoomRow {
  id: string;
  name: string;
  owner: string;
  updated: Date;
  version: number;
  issues: number;
  members: string[];
  saved_value?: number | null;
  saved_at?: Date | null;
  saved_rounds?: number | null;
  saved_consensus?: boolean | null;
  current?: boolean;
  deck_kind?: DeckKind;
}

/** The queue entry of the issue a list asked for (`f`), and whether it is in play. */
const LISTED_ISSUE_COLUMNS = `, f.saved_value, f.saved_at, f.saved_rounds, f.saved_consensus,
  (r.current_issue_key IS NOT DISTINCT FROM f.issue_key) AS current, r.deck->>'kind' AS deck_kind`;

/** A room with every row it has: all issues, members, and the votes of every round. */
export type RoomRecord = RoomAggregate;

/**
 * Every read and write of the room tables (room, room_member, room_issue, vote), and the only
 * code that knows their SQL. Every query names the tenant, so a room of another tenant is
 * simply not found.
 */
@Injectable()
export class RoomRepository {
  private readonly pool: Pool;
  private readonly groups: CommitGroups;

  constructor(private readonly dataSource: DataSource) {
    this.pool = pgPool(dataSource);
    this.groups = new CommitGroups(this.pool);
  }

  /** False once the node is shutting down and the connection pool is closed. */
  get isOpen(): boolean {
    return this.dataSource.isInitialized;
  }

  /**
   * The hot path's commit: one statement, outside any transaction, shared with other rooms'
   * commits under load (commit-groups.ts); undefined if the room moved on.
   */
  async commit(
    room: RoomRow,
    expectedVersion: number,
    writes: RoomWrites,
  ): Promise<CommitResult | undefined> {
    return this.groups.commit({ room, expectedVersion, writes });
  }

  /** How many commits shared a round trip with others, of how many round trips (metrics, tests). */
  get commitGroups(): { statements: number; grouped: number } {
    return { ...this.groups.stats };
  }

  /** The room's version, or undefined when it is gone (or another tenant's). */
  async version(tenantId: string, roomId: string): Promise<number | undefined> {
    const result = await this.pool.query<{ version: number }>({
      name: 'room-version',
      text: 'SELECT version FROM room WHERE id = $1 AND tenant_id = $2',
      values: [roomId, tenantId],
    });
    return result.rows[0]?.version;
  }

  /** The room's rows, read without a lock (checks made before slow work; the change checks again). */
  async read(tenantId: string, roomId: string): Promise<RoomAggregate | undefined> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const room = await em.findOneBy(Room, { id: roomId, tenantId });
      return room ? loadAggregate(em, room) : undefined;
    });
  }

  /**
   * Runs `work` in a transaction holding the room row's lock; undefined when there is no such
   * room of the tenant. Changes of the room on every node wait for it.
   */
  async withLock<T>(
    tenantId: string,
    roomId: string,
    work: (locked: LockedRoom) => Promise<T>,
  ): Promise<T | undefined> {
    return this.dataSource.transaction(async (em) => {
      const room = await em.findOne(Room, {
        where: { id: roomId, tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!room) return undefined;
      return work({
        room,
        load: () => loadAggregate(em, room),
        commit: async (changed, writes) => {
          const statement = commitStatement(changed, room.version, writes);
          const rows = await em.query<CommitResult[]>(statement.text, statement.values);
          return rows[0];
        },
        remove: async () => {
          await em.delete(Room, { id: roomId, tenantId });
        },
      });
    });
  }

  /**
   * Inserts a batch of one site's new rooms in one transaction (the site's creation lock, then
   * one statement); per room whether it fitted under `cap`. Serialised per tenant across nodes,
   * so the cap cannot be raced past.
   */
  async insertRooms(tenantId: string, batch: RoomAggregate[], cap: number): Promise<boolean[]> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [tenantId]);
      const { text, values } = createRoomsStatement(tenantId, batch, cap);
      const rows = await em.query<{ id: string }[]>(text, values);
      const created = new Set(rows.map((row) => row.id));
      return batch.map(({ room }) => created.has(room.id));
    });
  }

  /**
   * The tenant's rooms, most recently used first, with their members' account IDs; with
   * `issueKey`, only the rooms whose queue holds that issue, each with its saved estimate.
   */
  async list(tenantId: string, issueKey?: string): Promise<ListedRoom[]> {
    const rows = await this.pool.query<ListedRoomRow>({
      name: issueKey ? 'room-list-issue' : 'room-list',
      text: `SELECT r.id, r.name, r.owner_account_id AS owner, r.updated_at AS updated, r.version,
          (SELECT count(*)::int FROM room_issue i WHERE i.room_id = r.id) AS issues,
          coalesce((SELECT array_agg(m.account_id ORDER BY m.account_id)
            FROM room_member m WHERE m.room_id = r.id), '{}') AS members
          ${issueKey ? LISTED_ISSUE_COLUMNS : ''}
        FROM room r
        ${issueKey ? 'JOIN room_issue f ON f.room_id = r.id AND f.issue_key = $2' : ''}
        WHERE r.tenant_id = $1
        ORDER BY r.updated_at DESC, r.id`,
      values: issueKey ? [tenantId, issueKey] : [tenantId],
    });
    return rows.rows.map((row) => ({
      summary: {
        id: row.id,
        name: row.name,
        ownerAccountId: row.owner,
        issueCount: row.issues,
        updatedAt: new Date(row.updated).toISOString(),
        version: row.version,
        memberAccountIds: row.members,
        memberCount: row.members.length,
      },
      ...(issueKey && {
        issue: {
          issueKey,
          savedValue: row.saved_value ?? null,
          savedAt: row.saved_at ? new Date(row.saved_at).toISOString() : null,
          savedRounds: row.saved_rounds ?? null,
          savedConsensus: row.saved_consensus ?? null,
          current: row.current === true,
          ...(row.deck_kind && { deckKind: row.deck_kind }),
          lastResult: null,
        },
      }),
    }));
  }

  /** Rooms (of any tenant) whose round timer ran out by `now` and is not revealed yet. */
  async timersDue(
    now: Date,
    limit: number,
  ): Promise<Pick<RoomRow, 'id' | 'tenantId' | 'ownerAccountId'>[]> {
    return this.dataSource.getRepository(Room).find({
      select: { id: true, tenantId: true, ownerAccountId: true },
      where: { timerEndsAt: LessThanOrEqual(now), revealed: false },
      take: limit,
    });
  }

  /** Rooms (of any tenant) nobody used since `cutoff`, least recently used first. */
  async idleSince(cutoff: Date, limit: number): Promise<Pick<RoomRow, 'id' | 'tenantId'>[]> {
    return this.dataSource.getRepository(Room).find({
      select: { id: true, tenantId: true },
      where: { updatedAt: LessThan(cutoff) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
  }

  /** The newest round with a card, per issue of the room (anonymity switched off). */
  async votedRounds(tenantId: string, roomId: string): Promise<Record<string, number>> {
    const rows = await this.pool.query<{ issue_key: string; round: number }>({
      name: 'room-voted-rounds',
      text: `SELECT v.issue_key, max(v.round)::int AS round
        FROM vote v JOIN room r ON r.id = v.room_id
        WHERE v.room_id = $1 AND r.tenant_id = $2
        GROUP BY v.issue_key`,
      values: [roomId, tenantId],
    });
    return Object.fromEntries(rows.rows.map((row) => [row.issue_key, row.round]));
  }

  /**
   * Every vote on one issue of the room, all played rounds (the outcome of a save off the issue
   * in play); async cards (round 0, async-votes.ts) are hidden and never part of an outcome.
   */
  async issueVotes(tenantId: string, roomId: string, issueKey: string): Promise<VoteRow[]> {
    const rows = await this.pool.query<VoteRow>({
      name: 'room-issue-votes',
      text: `SELECT v.room_id AS "roomId", v.issue_key AS "issueKey", v.round,
          v.account_id AS "accountId", v.value
        FROM vote v JOIN room r ON r.id = v.room_id
        WHERE v.room_id = $1 AND r.tenant_id = $2 AND v.issue_key = $3 AND v.round <> 0`,
      values: [roomId, tenantId, issueKey],
    });
    return rows.rows;
  }

  /** Every room of the tenant with a row that names the account, in any column. */
  async roomsHolding(tenantId: string, accountId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM room r
        WHERE r.tenant_id = $1
          AND (r.owner_account_id = $2
            OR r.facilitator_account_ids @> jsonb_build_array($2::text)
            OR r.blocked_account_ids @> jsonb_build_array($2::text)
            OR EXISTS (SELECT 1 FROM room_member m WHERE m.room_id = r.id AND m.account_id = $2)
            OR EXISTS (SELECT 1 FROM vote v WHERE v.room_id = r.id AND v.account_id = $2)
            OR EXISTS (SELECT 1 FROM room_issue i WHERE i.room_id = r.id AND i.saved_by_account_id = $2))
        ORDER BY r.id`,
      [tenantId, accountId],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Every account ID a tenant's rows hold, from every column that can hold one, with the time
   * we last stored data for it: the member's last_seen_at, or the updated_at of the room whose
   * change wrote the row (ownership, a vote, a saved estimate).
   */
  async storedAccounts(tenantId: string): Promise<StoredAccount[]> {
    const rows = await this.dataSource.query<{ account_id: string; updated_at: Date | string }[]>(
      `SELECT account_id, max(stored_at) AS updated_at FROM (
          SELECT m.account_id, m.last_seen_at AS stored_at
            FROM room_member m JOIN room r ON r.id = m.room_id WHERE r.tenant_id = $1
          UNION ALL
          SELECT r.owner_account_id, r.updated_at FROM room r WHERE r.tenant_id = $1
          UNION ALL
          SELECT listed.account_id, r.updated_at
            FROM room r, jsonb_array_elements_text(
              r.facilitator_account_ids || r.blocked_account_ids) AS listed(account_id)
           WHERE r.tenant_id = $1
          UNION ALL
          SELECT v.account_id, r.updated_at
            FROM vote v JOIN room r ON r.id = v.room_id WHERE r.tenant_id = $1
          UNION ALL
          SELECT i.saved_by_account_id, coalesce(i.saved_at, r.updated_at)
            FROM room_issue i JOIN room r ON r.id = i.room_id
           WHERE r.tenant_id = $1 AND i.saved_by_account_id IS NOT NULL
        ) stored
        GROUP BY account_id
        ORDER BY account_id`,
      [tenantId],
    );
    return rows.map((row) => ({ accountId: row.account_id, updatedAt: new Date(row.updated_at) }));
  }

  /** Every row of every room of the tenant (the admin's export), most recently used first. */
  async records(tenantId: string): Promise<RoomRecord[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const rooms = await em.find(Room, {
        where: { tenantId },
        order: { updatedAt: 'DESC', id: 'ASC' },
      });
      const ofTenant = <T extends { roomId: string }>(entity: new () => T, order: string[]) => {
        const query = em
          .getRepository(entity)
          .createQueryBuilder('child')
          .innerJoin(Room, 'room', 'room.id = child.roomId')
          .where('room.tenantId = :tenantId', { tenantId })
          .orderBy('child.roomId', 'ASC');
        order.forEach((property) => query.addOrderBy(`child.${property}`, 'ASC'));
        return query.getMany();
      };
      const issues = await ofTenant(RoomIssue, ['position']);
      const members = await ofTenant(RoomMember, ['accountId']);
      const votes = await ofTenant(Vote, ['issueKey', 'round', 'accountId']);
      const of = <T extends { roomId: string }>(rows: T[], roomId: string) =>
        rows.filter((row) => row.roomId === roomId);
      return rooms.map((room) => ({
        room,
        issues: of(issues, room.id),
        members: of(members, room.id),
        votes: of(votes, room.id),
      }));
    });
  }
}

/** Reads the rows of a room that is already loaded (and usually locked) in `em`. */
async function loadAggregate(em: EntityManager, room: Room): Promise<RoomAggregate> {
  // One transaction is one connection, which runs one query at a time anyway.
  const members = (await em.find(RoomMember, { where: { roomId: room.id } })).sort(byAccountId);
  const issues = await em.find(RoomIssue, {
    where: { roomId: room.id },
    order: { position: 'ASC' },
  });
  // Only the rounds a snapshot shows: the current one and the last HISTORY_ROUNDS before it.
  const votes = room.currentIssueKey
    ? await em.find(Vote, {
        where: {
          roomId: room.id,
          issueKey: room.currentIssueKey,
          round: MoreThanOrEqual(Math.max(1, room.round - HISTORY_ROUNDS)),
        },
      })
    : [];
  // Async cards of the other queued issues (async-votes.ts): one query, this room's rows only.
  const asyncVotes = await em
    .getRepository(Vote)
    .createQueryBuilder('vote')
    .innerJoin(Room, 'room', 'room.id = vote.roomId')
    .where('vote.roomId = :roomId AND room.tenantId = :tenantId AND vote.round = :round', {
      roomId: room.id,
      tenantId: room.tenantId,
      round: ASYNC_ROUND,
    })
    .getMany();
  const pending = asyncVotes.filter((vote) => vote.issueKey !== room.currentIssueKey);
  return { room, members, issues, votes, ...(pending.length > 0 && { asyncVotes: pending }) };
}
