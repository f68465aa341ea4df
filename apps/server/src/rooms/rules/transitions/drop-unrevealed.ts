import type { RoomAggregate } from '../room-aggregate';
import type { RoomWrites } from '../room-writes';

/**
 * An unrevealed round's cards must never be shown to anyone (not in `history`, not on another
 * node), so a round that ends unrevealed (re-vote, or another issue chosen) loses its votes.
 * Keeping them hidden instead would keep personal data nobody may ever look at.
 */
export function dropUnrevealed(aggregate: RoomAggregate, writes: RoomWrites): void {
  const { currentIssueKey, round, revealed } = aggregate.room;
  if (currentIssueKey && !revealed) writes.dropRound(currentIssueKey, round);
}
