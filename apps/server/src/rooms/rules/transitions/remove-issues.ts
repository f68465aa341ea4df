import type { IssueRemovePayload } from '@poker/shared';
import { nextRoundFor, requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/**
 * Takes issues out of the queue with every vote on them. When the issue in play goes, the
 * next one left starts a fresh round; with none left, nothing is in play.
 */
export const removeIssues: Transition<Pick<IssueRemovePayload, 'issueKeys'>> = (
  aggregate,
  actor,
  { issueKeys },
) => {
  requireFacilitator(aggregate, actor, 'change the issues');
  const { room } = aggregate;
  const removing = new Set(issueKeys);
  const present = aggregate.issues.filter((issue) => removing.has(issue.issueKey));
  const writes = new RoomWrites();
  if (present.length === 0) return writes;
  writes.removeIssues(present.map((issue) => issue.issueKey));
  if (room.skippedIssueKeys.some((key) => removing.has(key))) {
    writes.setRoom({ skippedIssueKeys: room.skippedIssueKeys.filter((key) => !removing.has(key)) });
  }
  if (room.currentIssueKey && removing.has(room.currentIssueKey)) {
    const next = aggregate.issues.find((issue) => !removing.has(issue.issueKey));
    if (next) writes.startRound(room, next.issueKey, nextRoundFor(aggregate, next.issueKey));
    else writes.setRoom({ currentIssueKey: null, round: 0, revealed: false, timerEndsAt: null });
  }
  return writes;
};
