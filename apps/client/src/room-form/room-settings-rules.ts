import {
  MAX_TIMER_SECONDS,
  MIN_TIMER_SECONDS,
  sameDeck,
  type RoomSnapshot,
  type RoomUpdatePayload,
} from '@poker/shared';
import type { Checked } from './room-form-rules';

/** The timer length typed in seconds, or why it cannot be one. */
export function checkTimerSeconds(text: string): Checked<number> {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value)) {
    return { ok: false, message: 'Type the timer length in whole seconds, for example 90.' };
  }
  if (value < MIN_TIMER_SECONDS || value > MAX_TIMER_SECONDS) {
    return {
      ok: false,
      message: `A timer runs ${MIN_TIMER_SECONDS} seconds to an hour (${MAX_TIMER_SECONDS} seconds).`,
    };
  }
  return { ok: true, value };
}

/**
 * Only what the settings form changed, as `room:update` takes it (nothing: an empty object).
 * Whether the owner votes and whether the room is open for voting ahead have their own switches
 * (the people list, the Vote ahead panel), not the form.
 */
export function settingsChanges(
  room: RoomSnapshot,
  wanted: Required<Omit<RoomUpdatePayload, 'roomId' | 'ownerVotes' | 'asyncVoting'>>,
): Omit<RoomUpdatePayload, 'roomId'> {
  const changes: Omit<RoomUpdatePayload, 'roomId'> = {};
  if (wanted.name.trim() !== room.name) changes.name = wanted.name.trim();
  if (!sameDeck(wanted.deck, room.deck)) changes.deck = wanted.deck;
  if (wanted.fieldId !== room.fieldId) changes.fieldId = wanted.fieldId;
  if (wanted.autoReveal !== room.autoReveal) changes.autoReveal = wanted.autoReveal;
  if (wanted.autoAdvance !== room.autoAdvance) changes.autoAdvance = wanted.autoAdvance;
  if (wanted.anonymousReveal !== (room.anonymousReveal ?? false)) {
    changes.anonymousReveal = wanted.anonymousReveal;
  }
  if (wanted.suggestRule !== (room.suggestRule ?? 'mode')) changes.suggestRule = wanted.suggestRule;
  if (wanted.timerSeconds !== (room.timerSeconds ?? 60)) {
    changes.timerSeconds = wanted.timerSeconds;
  }
  return changes;
}

/**
 * What a new deck costs right now: the cards already played in an unrevealed round are dropped
 * (they may not exist in the new deck), so everyone votes again. 0 between rounds.
 */
export function cardsDroppedByDeckChange(room: RoomSnapshot): number {
  if (room.revealed || room.currentIssueKey === null) return 0;
  return room.members.filter((member) => member.hasVoted).length;
}
