import type { RoomListResult, RoomSnapshot, RoomSummary } from '@poker/shared';
import type { RoomAggregate } from './room-aggregate';

/**
 * A room as the list shows it (`room:list`, `room:listChanged`): account IDs only, no card and
 * nothing of a round. `online` is who has a socket in the room.
 */
export function roomSummaryOf(aggregate: RoomAggregate, online: ReadonlySet<string>): RoomSummary {
  const { room, members, issues } = aggregate;
  const memberAccountIds = members.map((member) => member.accountId);
  return {
    id: room.id,
    name: room.name,
    ownerAccountId: room.ownerAccountId,
    issueCount: issues.length,
    updatedAt: room.updatedAt.toISOString(),
    version: room.version,
    memberAccountIds,
    memberCount: memberAccountIds.length,
    onlineCount: memberAccountIds.filter((accountId) => online.has(accountId)).length,
  };
}

/**
 * What a list shows of the room, as one string: a change that leaves it alone (a vote, a
 * reveal, a timer) is not worth telling the people looking at the list. Saved estimates are in
 * it, so that an issue glance learns of a save.
 */
export function listSignature(aggregate: RoomAggregate, online: ReadonlySet<string>): string {
  const { room, members, issues } = aggregate;
  return JSON.stringify([
    room.name,
    room.ownerAccountId,
    room.currentIssueKey,
    members.map((member) => [member.accountId, online.has(member.accountId)]),
    issues.map((issue) => [issue.issueKey, issue.savedValue]),
  ]);
}

/**
 * The newest revealed result of the issue in play, from the snapshot a member sees: the round
 * in play once revealed, else the newest of its history (which holds revealed rounds only).
 * Statistics only: the cards and who played them stay in the room.
 */
export function lastResultOf(snapshot: RoomSnapshot, issueKey: string): RoomListResult | null {
  if (snapshot.currentIssueKey !== issueKey) return null;
  const revealed =
    snapshot.revealed && snapshot.stats
      ? { round: snapshot.round, stats: snapshot.stats }
      : snapshot.history[0];
  if (!revealed) return null;
  const { stats } = revealed;
  return {
    round: revealed.round,
    voteCount: stats.voteCount,
    average: stats.average,
    median: stats.median,
    consensus: stats.consensus,
    suggested: stats.suggested,
  };
}
