import { requireCurrentIssue, requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropUnrevealed } from './drop-unrevealed';

/**
 * Re-vote: a new round of the same issue. A revealed round stays in the history; the cards of
 * a round nobody revealed are dropped, so no one ever sees them.
 */
export const resetVotes: Transition<void> = (aggregate, actor) => {
  requireFacilitator(aggregate, actor, 'start a re-vote');
  const issueKey = requireCurrentIssue(aggregate);
  const writes = new RoomWrites();
  dropUnrevealed(aggregate, writes);
  return writes.startRound(aggregate.room, issueKey, aggregate.room.round + 1);
};
