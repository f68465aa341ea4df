import { revealIfEveryoneVoted } from '../auto-reveal';
import { memberOf } from '../room-aggregate';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { memberRow } from './room-membership';

/**
 * The actor's last socket went away: unless one of their sockets (on any node) is in the room
 * again, their row's last-seen time moves, and the change shows them offline to the others. A
 * voter gone past the grace no longer holds up the round (auto-reveal).
 */
export const goOffline: Transition<void> = (aggregate, actor, _payload, { online, now }) => {
  const writes = new RoomWrites();
  if (online.has(actor.accountId)) return writes;
  const member = memberOf(aggregate, actor.accountId);
  if (!member) return writes;
  writes.upsertMember(
    memberRow(aggregate, member.accountId, { role: member.role, lastSeenAt: now }),
  );
  return revealIfEveryoneVoted(aggregate, writes, online);
};
