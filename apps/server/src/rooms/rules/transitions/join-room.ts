import type { RoomJoinPayload } from '@poker/shared';
import { conflict, forbidden } from '../../../errors/domain.error';
import { revealIfEveryoneVoted } from '../auto-reveal';
import type { Actor } from '../actor';
import { memberOf, type RoomAggregate } from '../room-aggregate';
import { ROOM_LIMITS } from '../room-limits';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropCurrentVote, memberRow } from './room-membership';

/**
 * FORBIDDEN for an account a facilitator blocked; CONFLICT when the room is full and the actor
 * is not in it yet. Checked before the socket starts receiving the room's broadcasts, and again
 * in the transition.
 */
export function admitMember(aggregate: RoomAggregate, actor: Actor): void {
  if (aggregate.room.blockedAccountIds.includes(actor.accountId)) {
    throw forbidden('You were removed from this room and may not join it again.');
  }
  const known = memberOf(aggregate, actor.accountId) !== undefined;
  if (!known && aggregate.members.length >= ROOM_LIMITS.membersPerRoom) {
    throw conflict(`This room is full (${ROOM_LIMITS.membersPerRoom} members).`);
  }
}

/**
 * Joins, or re-joins after a reconnect: the member row is written (seen now) in the role asked
 * for, or the one held before. The owner stays owner; an observer holds no card (and may have
 * been the last card missing: auto-reveal).
 */
export const joinRoom: Transition<Pick<RoomJoinPayload, 'role'>> = (
  aggregate,
  actor,
  payload,
  { online, now },
) => {
  admitMember(aggregate, actor);
  const member = memberOf(aggregate, actor.accountId);
  const role = member?.role === 'owner' ? 'owner' : (payload.role ?? member?.role ?? 'voter');
  const writes = new RoomWrites().upsertMember(
    memberRow(aggregate, actor.accountId, { role, lastSeenAt: now }),
  );
  if (role !== 'observer') return writes;
  dropCurrentVote(aggregate, actor.accountId, writes);
  return revealIfEveryoneVoted(aggregate, writes, online);
};
