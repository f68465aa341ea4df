import { revealIfEveryoneVoted } from '../auto-reveal';
import { requireMember } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropCurrentVote, memberRow } from './room-membership';

/**
 * Leaves the room: the member row, the card in play and any facilitator grant go. The owner
 * stays owner (and member): only their last-seen time moves, so the takeover clock starts. The
 * one who left may have been the last card missing (auto-reveal).
 */
export const leaveRoom: Transition<void> = (aggregate, actor, _payload, { online, now }) => {
  const member = requireMember(aggregate, actor);
  const writes = new RoomWrites();
  if (member.role === 'owner') {
    writes.upsertMember(memberRow(aggregate, actor.accountId, { role: 'owner', lastSeenAt: now }));
    return revealIfEveryoneVoted(aggregate, writes, online);
  }
  dropCurrentVote(aggregate, actor.accountId, writes);
  writes.removeMember(actor.accountId);
  const { facilitatorAccountIds } = aggregate.room;
  if (facilitatorAccountIds.includes(actor.accountId)) {
    writes.setRoom({
      facilitatorAccountIds: facilitatorAccountIds.filter((id) => id !== actor.accountId),
    });
  }
  return revealIfEveryoneVoted(aggregate, writes, online);
};
