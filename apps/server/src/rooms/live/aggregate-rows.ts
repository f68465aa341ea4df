import { ASYNC_ROUND } from '../rules/async-votes';
import type { RoomAggregate, RoomRow, VoteRow } from '../rules/room-aggregate';

/**
 * The rows as compact JSON for the other nodes (sent on every change, so size is CPU): the room
 * as an object, the other rows as tuples without the room ID they all share, dates as epoch ms.
 */
export interface AggregateRows {
  room: Omit<RoomRow, 'timerEndsAt' | 'updatedAt'> & {
    timerEndsAt: number | null;
    updatedAt: number;
  };
  /** accountId, role, lastSeenAt */
  members: [string, RoomAggregate['members'][number]['role'], number][];
  /** issueKey, position, savedValue, savedAt, savedByAccountId, fieldId, savedRounds, savedConsensus */
  issues: [
    string,
    number,
    number | null,
    number | null,
    string | null,
    string | null,
    number | null,
    boolean | null,
  ][];
  /** issueKey, round, accountId, value */
  votes: [string, number, string, string][];
  /** Async cards (round ASYNC_ROUND): issueKey, accountId, value; absent when there are none. */
  asyncVotes?: [string, string, string][];
}

/** The async cards as tuples, once per `asyncVotes` array (an ordinary vote keeps the array). */
const asyncTuples = new WeakMap<VoteRow[], [string, string, string][]>();

function asyncRows(votes: VoteRow[] | undefined): Pick<AggregateRows, 'asyncVotes'> {
  if (!votes?.length) return {};
  let rows = asyncTuples.get(votes);
  if (!rows) {
    rows = votes.map((v) => [v.issueKey, v.accountId, v.value]);
    asyncTuples.set(votes, rows);
  }
  return { asyncVotes: rows };
}

export function aggregateRows({
  room,
  members,
  issues,
  votes,
  asyncVotes,
}: RoomAggregate): AggregateRows {
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
      i.fieldId,
      i.savedRounds,
      i.savedConsensus,
    ]),
    votes: votes.map((v) => [v.issueKey, v.round, v.accountId, v.value]),
    ...asyncRows(asyncVotes),
  };
}

/** The rows another node sent, as rows again. */
export function fromAggregateRows(rows: AggregateRows): RoomAggregate {
  const roomId = rows.room.id;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    room: {
      ...rows.room,
      timerEndsAt: date(rows.room.timerEndsAt),
      updatedAt: new Date(rows.room.updatedAt),
    },
    members: rows.members.map(([accountId, role, lastSeenAt]) => ({
      roomId,
      accountId,
      role,
      lastSeenAt: new Date(lastSeenAt),
    })),
    issues: rows.issues.map(
      ([issueKey, position, savedValue, savedAt, savedBy, fieldId, rounds, consensus]) => ({
        roomId,
        issueKey,
        position,
        fieldId,
        savedValue,
        savedAt: date(savedAt),
        savedByAccountId: savedBy,
        savedRounds: rounds,
        savedConsensus: consensus,
      }),
    ),
    votes: rows.votes.map(([issueKey, round, accountId, value]) => ({
      roomId,
      issueKey,
      round,
      accountId,
      value,
    })),
    ...(rows.asyncVotes?.length && {
      asyncVotes: rows.asyncVotes.map(([issueKey, accountId, value]) => ({
        roomId,
        issueKey,
        round: ASYNC_ROUND,
        accountId,
        value,
      })),
    }),
  };
}
