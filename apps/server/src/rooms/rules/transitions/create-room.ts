import { DEFAULT_SUGGEST_RULE, type RoomCreatePayload } from '@poker/shared';
import { conflict } from '../../../errors/domain.error';
import type { Actor } from '../actor';
import { newIssueRow, type RoomAggregate } from '../room-aggregate';
import { ROOM_LIMITS } from '../room-limits';
import { fieldsByKey } from './add-issues';

export interface NewRoom extends Omit<RoomCreatePayload, 'jql'> {
  /** The room's ID, chosen by the caller (a random UUID). */
  id: string;
}

/**
 * The rows of a room as created: its owner as the only member, the queue's first issue in play.
 * The store inserts them; the cap on rooms per site is checked there, under the site's lock.
 */
export function createRoom(actor: Actor, payload: NewRoom, now: Date): RoomAggregate {
  if (payload.issueKeys.length > ROOM_LIMITS.issuesPerRoom) {
    throw conflict(`A room holds at most ${ROOM_LIMITS.issuesPerRoom} issues.`);
  }
  const first = payload.issueKeys[0] ?? null;
  const roomId = payload.id;
  const fields = fieldsByKey(payload.issueFields);
  return {
    room: {
      id: roomId,
      tenantId: actor.tenantId,
      ownerAccountId: actor.accountId,
      name: payload.name,
      deck: payload.deck,
      fieldId: payload.fieldId ?? null,
      autoReveal: payload.autoReveal ?? false,
      autoAdvance: false,
      ownerVotes: true,
      facilitatorAccountIds: [],
      blockedAccountIds: [],
      skippedIssueKeys: [],
      anonymousReveal: payload.anonymousReveal ?? false,
      anonymousThrough: {},
      suggestRule: payload.suggestRule ?? DEFAULT_SUGGEST_RULE,
      timerSeconds: payload.timerSeconds ?? ROOM_LIMITS.defaultTimerSeconds,
      asyncVoting: false,
      currentIssueKey: first,
      round: first ? 1 : 0,
      revealed: false,
      timerEndsAt: null,
      version: 1,
      updatedAt: now,
    },
    members: [{ roomId, accountId: actor.accountId, role: 'owner', lastSeenAt: now }],
    issues: payload.issueKeys.map((issueKey, position) =>
      newIssueRow(roomId, issueKey, position, fields.get(issueKey) ?? null),
    ),
    votes: [],
  };
}
