import { conflict } from '../../../errors/domain.error';
import { ROOM_LIMITS } from '../room-limits';
import { requireOwner } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/**
 * Appends issue keys (already checked against Jira as the actor) to the queue; keys already in
 * it are skipped. A room with nothing in play starts on the first new one.
 */
export const addIssues: Transition<{ issueKeys: string[] }> = (aggregate, actor, { issueKeys }) => {
  requireOwner(aggregate, actor, 'change the issues');
  const known = new Set(aggregate.issues.map((issue) => issue.issueKey));
  const fresh = [...new Set(issueKeys)].filter((key) => !known.has(key));
  const writes = new RoomWrites();
  if (fresh.length === 0) return writes;
  if (known.size + fresh.length > ROOM_LIMITS.issuesPerRoom) {
    throw conflict(`A room holds at most ${ROOM_LIMITS.issuesPerRoom} issues.`);
  }
  const start = aggregate.issues.reduce((max, issue) => Math.max(max, issue.position + 1), 0);
  writes.addIssues(fresh.map((issueKey, index) => ({ issueKey, position: start + index })));
  if (!aggregate.room.currentIssueKey) writes.startRound(aggregate.room, fresh[0], 1);
  return writes;
};
