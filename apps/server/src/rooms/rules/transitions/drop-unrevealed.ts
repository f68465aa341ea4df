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

/**
 * The room moves away from the issue in play without revealing it. In a room open for voting
 * ahead the round's cards are not lost: they go back to being the issue's hidden async cards
 * (still nobody's to see), and count again when the issue is taken up. Elsewhere they go.
 */
export function leaveUnrevealed(aggregate: RoomAggregate, writes: RoomWrites): void {
  const { currentIssueKey, round, revealed, asyncVoting } = aggregate.room;
  if (!currentIssueKey || revealed) return;
  const issue = aggregate.issues.find((entry) => entry.issueKey === currentIssueKey);
  if (asyncVoting && issue && issue.savedAt === null) {
    writes.shelveRound(currentIssueKey, round);
  } else {
    writes.dropRound(currentIssueKey, round);
  }
}
