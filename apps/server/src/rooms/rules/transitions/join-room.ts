import type { RoomJoinPayload } from '@poker/shared';
import { conflict } from '../../../errors/domain.error';
import type { Actor } from '../actor';
import { memberOf, type RoomAggregate } from '../room-aggregate';
import { ROOM_LIMITS } from '../room-limits';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { dropCurrentVote, memberRow } from './room-membership';

/**
 * CONFLICT when the room is full and the actor is not in it yet. Checked before the socket
 * starts receiving the room's broadcasts, and again in the transition.
 */
export function admitMember(aggregate: RoomAggregate, actor: Actor): void {
  const known = memberOf(aggregate, actor.accountId) !== undefined;
  if (!known && aggregate.members.length >= ROOM_LIMITS.membersPerRoom) {
    throw conflict(`This room is full (${ROOM_LIMITS.membersPerRoom} members).`);
  }
}

/**
 * Joins, or re-joins after a reconnect: the member row is written (seen now) in the role asked
 * for, or the one held before. The owner stays owner; an observer holds no card.
 */
export const joinRoom: Transition<Pick<RoomJoinPayload, 'role'>> = (
  aggregate,
  actor,
  payload,
  { now },
) => {
  admitMember(aggregate, actor);
  const member = memberOf(aggregate, actor.accountId);
  const role = member?.role === 'owner' ? 'owner' : (payload.role ?? member?.role ?? 'voter');
  const writes = new RoomWrites().upsertMember(
    memberRow(aggregate, actor.accountId, { role, lastSeenAt: now }),
  );
  if (role === 'observer') dropCurrentVote(aggregate, actor.accountId, writes);
  return writes;
};
