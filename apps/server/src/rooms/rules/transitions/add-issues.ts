import { conflict } from '../../../errors/domain.error';
import { ROOM_LIMITS } from '../room-limits';
import { requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/** What issue:add appends: the checked keys, and the fields of those picked from a board. */
export interface IssuesToAdd {
  issueKeys: string[];
  issueFields?: readonly { issueKey: string; fieldId: string }[];
}

/**
 * Appends issue keys (already checked against Jira as the actor) to the queue, each with its
 * own field when it came from a board; keys already in it are skipped. A room with nothing in
 * play starts on the first new one.
 */
export const addIssues: Transition<IssuesToAdd> = (
  aggregate,
  actor,
  { issueKeys, issueFields },
) => {
  requireFacilitator(aggregate, actor, 'change the issues');
  const known = new Set(aggregate.issues.map((issue) => issue.issueKey));
  const fresh = [...new Set(issueKeys)].filter((key) => !known.has(key));
  const writes = new RoomWrites();
  if (fresh.length === 0) return writes;
  if (known.size + fresh.length > ROOM_LIMITS.issuesPerRoom) {
    throw conflict(`A room holds at most ${ROOM_LIMITS.issuesPerRoom} issues.`);
  }
  const start = aggregate.issues.reduce((max, issue) => Math.max(max, issue.position + 1), 0);
  const fields = fieldsByKey(issueFields);
  writes.addIssues(
    fresh.map((issueKey, index) => ({
      issueKey,
      position: start + index,
      fieldId: fields.get(issueKey) ?? null,
    })),
  );
  if (!aggregate.room.currentIssueKey) writes.startRound(aggregate.room, fresh[0], 1);
  return writes;
};

/** Issue key → its own estimate field. */
export function fieldsByKey(
  issueFields: readonly { issueKey: string; fieldId: string }[] = [],
): Map<string, string> {
  return new Map(issueFields.map((entry) => [entry.issueKey.toUpperCase(), entry.fieldId]));
}
