import { requireMember } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropCurrentVote, memberRow } from './room-membership';

/**
 * Leaves the room: the member row and the card in play go. The owner stays owner (and member):
 * only their last-seen time moves, so the takeover clock starts.
 */
export const leaveRoom: Transition<void> = (aggregate, actor, _payload, { now }) => {
  const member = requireMember(aggregate, actor);
  const writes = new RoomWrites();
  if (member.role === 'owner') {
    return writes.upsertMember(
      memberRow(aggregate, actor.accountId, { role: 'owner', lastSeenAt: now }),
    );
  }
  dropCurrentVote(aggregate, actor.accountId, writes);
  return writes.removeMember(actor.accountId);
};
