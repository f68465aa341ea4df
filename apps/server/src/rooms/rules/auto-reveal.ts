import { applyWrites, type RoomWrites } from './room-writes';
import type { RoomAggregate } from './room-aggregate';
import { everyOnlineVoterVoted } from './room-guards';

/**
 * Auto-reveal at the edges: after a change that takes a missing card out of the count (the
 * last voter without one leaves, observes, goes offline past the grace, is removed, the owner
 * stops voting) or turns the switch on, the round reveals itself when every online voter has a
 * card. Decided on the rows as the writes leave them; adds the reveal to `writes`.
 */
export function revealIfEveryoneVoted(
  aggregate: RoomAggregate,
  writes: RoomWrites,
  online: ReadonlySet<string>,
): RoomWrites {
  const after = applyWrites(aggregate, writes);
  const { room } = after;
  if (!room.autoReveal || room.revealed || !room.currentIssueKey) return writes;
  const voted = new Set(
    after.votes
      .filter((vote) => vote.issueKey === room.currentIssueKey && vote.round === room.round)
      .map((vote) => vote.accountId),
  );
  if (everyOnlineVoterVoted(after.members, voted, online, room.ownerVotes)) {
    writes.setRoom({ revealed: true, timerEndsAt: null });
  }
  return writes;
}
