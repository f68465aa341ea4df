import { requireCurrentIssue, requireFacilitator } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/** A facilitator shows the round's cards; the timer stops. Revealing twice changes nothing. */
export const revealVotes: Transition<void> = (aggregate, actor) => {
  requireFacilitator(aggregate, actor, 'reveal the votes');
  requireCurrentIssue(aggregate);
  const writes = new RoomWrites();
  if (aggregate.room.revealed) return writes;
  return writes.setRoom({ revealed: true, timerEndsAt: null });
};

/** The server's clock ran out a round's timer: it is revealed, whoever started it. */
export const revealExpired: Transition<void> = (aggregate, _actor, _payload, { now }) => {
  const { timerEndsAt, revealed } = aggregate.room;
  const writes = new RoomWrites();
  if (revealed || !timerEndsAt || timerEndsAt > now) return writes;
  return writes.setRoom({ revealed: true, timerEndsAt: null });
};
