import { conflict } from '../../../errors/domain.error';
import { nextRoundFor, requireCurrentIssue, requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { leaveUnrevealed } from './drop-unrevealed';

/**
 * A facilitator skips the issue in play: it is marked skipped (not estimated; nothing goes to
 * Jira) and the room moves to the next issue that is neither estimated nor skipped, after it in
 * the queue first, then from the top, in a fresh round; with none left, nothing is in play.
 * The issue is named so that two clicks skip one issue, not two.
 */
export const skipIssue: Transition<{ issueKey: string }> = (aggregate, actor, { issueKey }) => {
  requireFacilitator(aggregate, actor, 'skip issues');
  const current = requireCurrentIssue(aggregate);
  if (current !== issueKey) throw conflict(`${issueKey} is not the issue in play any more.`);
  const { room, issues } = aggregate;
  const writes = new RoomWrites();
  leaveUnrevealed(aggregate, writes);
  const issue = issues.find((entry) => entry.issueKey === issueKey);
  const skipped = new Set(room.skippedIssueKeys);
  if (issue && issue.savedAt === null) {
    skipped.add(issueKey);
    writes.setRoom({ skippedIssueKeys: [...skipped] });
  }
  const position = issue?.position ?? -1;
  const open = (key: string, saved: Date | null) =>
    key !== issueKey && saved === null && !skipped.has(key);
  const after = issues.filter((entry) => entry.position > position);
  const next = [...after, ...issues].find((entry) => open(entry.issueKey, entry.savedAt));
  if (next) return writes.startRound(room, next.issueKey, nextRoundFor(aggregate, next.issueKey));
  return writes.setRoom({ currentIssueKey: null, round: 0, revealed: false, timerEndsAt: null });
};
