import type { RoomUpdatePayload } from '@poker/shared';
import { requireOwner } from '../room-guards';
import { RoomWrites, type RoomFields } from '../room-writes';
import type { Transition } from '../transition';

/**
 * The owner changes the room's name, deck, estimate field or switches. A new deck drops the
 * cards of an unrevealed round (they may not exist in the new deck), and the round starts over.
 */
export const updateSettings: Transition<Omit<RoomUpdatePayload, 'roomId'>> = (
  aggregate,
  actor,
  payload,
) => {
  requireOwner(aggregate, actor, 'change the room settings');
  const { room } = aggregate;
  const fields: Partial<RoomFields> = {};
  if (payload.name !== undefined) fields.name = payload.name;
  if (payload.fieldId !== undefined) fields.fieldId = payload.fieldId;
  if (payload.autoReveal !== undefined) fields.autoReveal = payload.autoReveal;
  if (payload.autoAdvance !== undefined) fields.autoAdvance = payload.autoAdvance;
  const writes = new RoomWrites().setRoom(fields);
  if (payload.deck !== undefined && JSON.stringify(payload.deck) !== JSON.stringify(room.deck)) {
    writes.setRoom({ deck: payload.deck });
    if (room.currentIssueKey && !room.revealed) writes.dropRound(room.currentIssueKey, room.round);
  }
  return writes;
};
