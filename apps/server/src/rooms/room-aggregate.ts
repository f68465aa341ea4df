import type { RevealedRound } from '@poker/shared';
import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import { HISTORY_ROUNDS } from './room-snapshot';
import { Room } from './room.entity';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { Vote } from './vote.entity';

/** Everything a snapshot is built from: the room row and the rows that hang off it. */
export interface RoomAggregate {
  room: Room;
  members: RoomMember[];
  issues: RoomIssue[];
  /** Votes of the current issue's round in play and of the HISTORY_ROUNDS before it. */
  votes: Vote[];
  /** The snapshot's `history` for this issue and round (room-snapshot.ts), once computed. */
  historyMemo?: { issueKey: string | null; round: number; rounds: RevealedRound[] };
}

/**
 * Members in account-ID order by code unit, the order changes made in memory keep too (the
 * database's collation might order differently, and the member list must not shuffle).
 */
export function byAccountId(a: { accountId: string }, b: { accountId: string }): number {
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
}

/** Reads the rows of a room that is already loaded (and usually locked) in `em`. */
export async function loadAggregate(em: EntityManager, room: Room): Promise<RoomAggregate> {
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
          round: MoreThanOrEqual(room.round - HISTORY_ROUNDS),
        },
      })
    : [];
  return { room, members, issues, votes };
}

/**
 * A copy a change may modify freely: a fresh room entity and fresh arrays (changes replace row
 * objects instead of editing them), so a refused change leaves the cached rows as they were.
 */
export function copyAggregate(aggregate: RoomAggregate): RoomAggregate {
  return {
    room: Object.assign(new Room(), aggregate.room),
    members: [...aggregate.members],
    issues: [...aggregate.issues],
    votes: [...aggregate.votes],
    historyMemo: aggregate.historyMemo,
  };
}

/**
 * The rows as compact JSON for the other nodes (sent on every change, so size is CPU): the room
 * as an object, the other rows as tuples without the room ID they all share, dates as epoch ms.
 */
export interface AggregateRows {
  room: Omit<Room, 'timerEndsAt' | 'updatedAt'> & { timerEndsAt: number | null; updatedAt: number };
  /** accountId, role, lastSeenAt */
  members: [string, RoomMember['role'], number][];
  /** issueKey, position, savedValue, savedAt, savedByAccountId */
  issues: [string, number, number | null, number | null, string | null][];
  /** issueKey, round, accountId, value */
  votes: [string, number, string, string][];
}

export function aggregateRows({ room, members, issues, votes }: RoomAggregate): AggregateRows {
  return {
    room: {
      ...room,
      timerEndsAt: room.timerEndsAt?.getTime() ?? null,
      updatedAt: room.updatedAt.getTime(),
    },
    members: members.map((m) => [m.accountId, m.role, m.lastSeenAt.getTime()]),
    issues: issues.map((i) => [
      i.issueKey,
      i.position,
      i.savedValue,
      i.savedAt?.getTime() ?? null,
      i.savedByAccountId,
    ]),
    votes: votes.map((v) => [v.issueKey, v.round, v.accountId, v.value]),
  };
}

/** The rows another node sent, as entities again. */
export function fromAggregateRows(rows: AggregateRows): RoomAggregate {
  const roomId = rows.room.id;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    room: Object.assign(new Room(), rows.room, {
      timerEndsAt: date(rows.room.timerEndsAt),
      updatedAt: new Date(rows.room.updatedAt),
    }),
    members: rows.members.map(([accountId, role, lastSeenAt]) =>
      Object.assign(new RoomMember(), {
        roomId,
        accountId,
        role,
        lastSeenAt: new Date(lastSeenAt),
      }),
    ),
    issues: rows.issues.map(([issueKey, position, savedValue, savedAt, savedByAccountId]) =>
      Object.assign(new RoomIssue(), {
        roomId,
        issueKey,
        position,
        savedValue,
        savedAt: date(savedAt),
        savedByAccountId,
      }),
    ),
    votes: rows.votes.map(([issueKey, round, accountId, value]) =>
      Object.assign(new Vote(), { roomId, issueKey, round, accountId, value }),
    ),
  };
}
