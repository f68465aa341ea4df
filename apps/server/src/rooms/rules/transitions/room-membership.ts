import type { MemberRole } from '@poker/shared';
import { asyncVotesOf } from '../async-votes';
import type { MemberRow, RoomAggregate } from '../room-aggregate';
import type { RoomWrites } from '../room-writes';

/** The member row rewritten with a new role or last-seen time (a new row, never edited). */
export function memberRow(
  aggregate: RoomAggregate,
  accountId: string,
  fields: { role: MemberRole; lastSeenAt: Date },
): MemberRow {
  return { roomId: aggregate.room.id, accountId, ...fields };
}

/**
 * A member who leaves or observes holds no card in the round in play (revealed rounds stay),
 * nor any card played ahead (async-votes.ts).
 */
export function dropCurrentVote(
  aggregate: RoomAggregate,
  accountId: string,
  writes: RoomWrites,
): void {
  for (const vote of asyncVotesOf(aggregate)) {
    if (vote.accountId !== accountId) continue;
    writes.vote({ issueKey: vote.issueKey, round: vote.round, accountId, value: null });
  }
  const { currentIssueKey: issueKey, round, revealed } = aggregate.room;
  if (!issueKey || revealed) return;
  const holds = aggregate.votes.some(
    (vote) => vote.issueKey === issueKey && vote.round === round && vote.accountId === accountId,
  );
  if (holds) writes.vote({ issueKey, round, accountId, value: null });
}
