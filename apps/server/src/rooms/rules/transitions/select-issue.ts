import { notFound } from '../../../errors/domain.error';
import { asyncVotesOf } from '../async-votes';
import { revealIfEveryoneVoted } from '../auto-reveal';
import { nextRoundFor, requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropUnrevealed, leaveUnrevealed } from './drop-unrevealed';

/**
 * Moves the room to an issue of its queue and starts a fresh round of it; a skipped issue taken
 * up again is no longer marked skipped.
 */
export const selectIssue: Transition<{ issueKey: string }> = (
  aggregate,
  actor,
  { issueKey },
  { online },
) => {
  requireFacilitator(aggregate, actor, 'choose the issue');
  if (!aggregate.issues.some((issue) => issue.issueKey === issueKey)) {
    throw notFound(`Issue ${issueKey} in this room`);
  }
  const writes = new RoomWrites();
  // Choosing the issue in play again starts it over; another issue leaves this one for later.
  if (issueKey === aggregate.room.currentIssueKey) dropUnrevealed(aggregate, writes);
  else leaveUnrevealed(aggregate, writes);
  const { skippedIssueKeys } = aggregate.room;
  if (skippedIssueKeys.includes(issueKey)) {
    writes.setRoom({ skippedIssueKeys: skippedIssueKeys.filter((key) => key !== issueKey) });
  }
  writes.startRound(aggregate.room, issueKey, nextRoundFor(aggregate, issueKey));
  // Cards played ahead become the round's hidden cards: they may already be everyone's.
  if (issueKey === aggregate.room.currentIssueKey) return writes;
  if (!asyncVotesOf(aggregate).some((vote) => vote.issueKey === issueKey)) return writes;
  return revealIfEveryoneVoted(aggregate, writes, online);
};
