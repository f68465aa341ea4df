import { conflict } from '../../../errors/domain.error';
import { requireCurrentIssue, requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/** A facilitator starts the round's countdown (the room's timer length unless given); when it runs out the server reveals the round. */
export const startTimer: Transition<{ seconds?: number }> = (
  aggregate,
  actor,
  { seconds },
  { now },
) => {
  requireFacilitator(aggregate, actor, 'start the timer');
  requireCurrentIssue(aggregate);
  if (aggregate.room.revealed) throw conflict('The votes are already revealed.');
  const duration = (seconds ?? aggregate.room.timerSeconds) * 1000;
  return new RoomWrites().setRoom({ timerEndsAt: new Date(now.getTime() + duration) });
};

/** A facilitator stops the countdown; the round stays open. */
export const stopTimer: Transition<void> = (aggregate, actor) => {
  requireFacilitator(aggregate, actor, 'stop the timer');
  const writes = new RoomWrites();
  if (!aggregate.room.timerEndsAt) return writes;
  return writes.setRoom({ timerEndsAt: null });
};
