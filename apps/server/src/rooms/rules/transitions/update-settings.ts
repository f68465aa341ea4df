import { sameDeck, type RoomUpdatePayload } from '@poker/shared';
import { asyncVotesOf } from '../async-votes';
import { revealIfEveryoneVoted } from '../auto-reveal';
import { anonymityKeptFor } from '../room-anonymity';
import { requireFacilitator, requireOwner } from '../room-guards';
import { RoomWrites, type RoomFields } from '../room-writes';
import type { Transition } from '../transition';
import { dropCurrentVote } from './room-membership';

/** The settings a facilitator sends, and the store's newest voted round per issue (see below). */
export type SettingsChange = Omit<RoomUpdatePayload, 'roomId'> & {
  votedRounds?: Readonly<Record<string, number>>;
};

/**
 * A facilitator changes the room's name, deck, estimate field or switches; whether the owner
 * votes is the owner's own choice. A new deck drops the cards of an unrevealed round (they may
 * not exist in the new deck), and the round starts over. An owner who stops voting takes back
 * their card in play. Turning auto-reveal on, or the owner stepping out of the count, reveals
 * a round in which every online voter already has a card.
 * Switching anonymous reveal off keeps the names of every round that had cards so far hidden
 * (`votedRounds`, read by the service, names them; room-anonymity.ts).
 */
export const updateSettings: Transition<SettingsChange> = (
  aggregate,
  actor,
  payload,
  { online },
) => {
  requireFacilitator(aggregate, actor, 'change the room settings');
  const { room } = aggregate;
  const ownerVotesChanges =
    payload.ownerVotes !== undefined && payload.ownerVotes !== room.ownerVotes;
  if (ownerVotesChanges) requireOwner(aggregate, actor, 'choose whether they vote');
  const fields: Partial<RoomFields> = {};
  if (payload.name !== undefined) fields.name = payload.name;
  if (payload.fieldId !== undefined) fields.fieldId = payload.fieldId;
  if (payload.autoReveal !== undefined) fields.autoReveal = payload.autoReveal;
  if (payload.autoAdvance !== undefined) fields.autoAdvance = payload.autoAdvance;
  if (payload.ownerVotes !== undefined) fields.ownerVotes = payload.ownerVotes;
  if (payload.suggestRule !== undefined) fields.suggestRule = payload.suggestRule;
  if (payload.timerSeconds !== undefined) fields.timerSeconds = payload.timerSeconds;
  if (payload.anonymousReveal !== undefined) fields.anonymousReveal = payload.anonymousReveal;
  if (payload.anonymousReveal === false && room.anonymousReveal) {
    fields.anonymousThrough = anonymityKeptFor(room, payload.votedRounds ?? {});
  }
  if (payload.asyncVoting !== undefined) fields.asyncVoting = payload.asyncVoting;
  const writes = new RoomWrites().setRoom(fields);
  if (payload.deck !== undefined && !sameDeck(payload.deck, room.deck)) {
    writes.setRoom({ deck: payload.deck });
    if (room.currentIssueKey && !room.revealed) writes.dropRound(room.currentIssueKey, room.round);
    // Cards played ahead may not exist in the new deck either.
    if (asyncVotesOf(aggregate).length > 0) writes.dropAsync(null);
    return writes;
  }
  if (ownerVotesChanges && payload.ownerVotes === false) {
    dropCurrentVote(aggregate, room.ownerAccountId, writes);
  }
  const switchedOn = payload.autoReveal === true && !room.autoReveal;
  if (switchedOn || ownerVotesChanges) revealIfEveryoneVoted(aggregate, writes, online);
  return writes;
};
