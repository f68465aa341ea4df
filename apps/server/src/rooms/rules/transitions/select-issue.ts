import { notFound } from '../../../errors/domain.error';
import { nextRoundFor, requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropUnrevealed } from './drop-unrevealed';

/**
 * Moves the room to an issue of its queue and starts a fresh round of it; a skipped issue taken
 * up again is no longer marked skipped.
 */
export const selectIssue: Transition<{ issueKey: string }> = (aggregate, actor, { issueKey }) => {
  requireFacilitator(aggregate, actor, 'choose the issue');
  if (!aggregate.issues.some((issue) => issue.issueKey === issueKey)) {
    throw notFound(`Issue ${issueKey} in this room`);
  }
  const writes = new RoomWrites();
  dropUnrevealed(aggregate, writes);
  const { skippedIssueKeys } = aggregate.room;
  if (skippedIssueKeys.includes(issueKey)) {
    writes.setRoom({ skippedIssueKeys: skippedIssueKeys.filter((key) => key !== issueKey) });
  }
  return writes.startRound(aggregate.room, issueKey, nextRoundFor(aggregate, issueKey));
};
