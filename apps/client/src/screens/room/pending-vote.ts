import type { RoomSnapshot } from '@poker/shared';

/**
 * A card picked while the connection was lost (or whose answer the lost connection swallowed),
 * with the round it was meant for: it may only ever count in that round.
 */
export interface PendingVote {
  issueKey: string;
  round: number;
  /** The card, or null for taking the card back. */
  value: string | null;
}

/** Why a pending card was not sent after the connection came back. */
export type NotCountedReason = 'revealed' | 'moved' | 'room-gone' | 'no-seat';

export type PendingVoteOutcome =
  { kind: 'send' } | { kind: 'counted' } | { kind: 'not-counted'; reason: NotCountedReason };

type RoundView = Pick<RoomSnapshot, 'currentIssueKey' | 'round' | 'revealed' | 'myVote'>;

/**
 * What to do with a pending card once the room's fresh snapshot is in: send it only while the
 * same issue and round are open and unrevealed; the server already holding it counts as done.
 * `room` null: the room is gone; `seated` false: I no longer vote here (kicked, observing).
 */
export function decidePendingVote(
  vote: PendingVote,
  room: RoundView | null,
  seated: boolean,
): PendingVoteOutcome {
  if (!room) return { kind: 'not-counted', reason: 'room-gone' };
  if (room.currentIssueKey !== vote.issueKey) return { kind: 'not-counted', reason: 'moved' };
  // Same issue, later round: it was revealed (and a re-vote started) meanwhile.
  if (room.round !== vote.round || room.revealed) {
    return { kind: 'not-counted', reason: 'revealed' };
  }
  if (!seated) return { kind: 'not-counted', reason: 'no-seat' };
  if ((room.myVote ?? null) === vote.value) return { kind: 'counted' };
  return { kind: 'send' };
}

/** The plain sentence shown beside the deck (and announced) when a pending card was dropped. */
export function notCountedMessage(
  vote: PendingVote,
  reason: NotCountedReason,
  currentIssueKey: string | null,
): string {
  const what =
    vote.value === null
      ? 'Your card was not taken back'
      : `Your card ${vote.value} for ${vote.issueKey} was not counted`;
  switch (reason) {
    case 'revealed':
      return `${what}: the round was revealed while you were offline.`;
    case 'moved':
      return currentIssueKey
        ? `${what}: the room moved on to ${currentIssueKey} while you were offline.`
        : `${what}: the room moved on while you were offline.`;
    case 'room-gone':
      return `${what}: the room is gone.`;
    case 'no-seat':
      return `${what}: you no longer have a seat in this room.`;
  }
}
