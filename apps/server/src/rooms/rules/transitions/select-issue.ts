import { notFound } from '../../../errors/domain.error';
import { nextRoundFor, requireOwner } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropUnrevealed } from './drop-unrevealed';

/** Moves the room to an issue of its queue and starts a fresh round of it. */
export const selectIssue: Transition<{ issueKey: string }> = (aggregate, actor, { issueKey }) => {
  requireOwner(aggregate, actor, 'choose the issue');
  if (!aggregate.issues.some((issue) => issue.issueKey === issueKey)) {
    throw notFound(`Issue ${issueKey} in this room`);
  }
  const writes = new RoomWrites();
  dropUnrevealed(aggregate, writes);
  return writes.startRound(aggregate.room, issueKey, nextRoundFor(aggregate, issueKey));
};
