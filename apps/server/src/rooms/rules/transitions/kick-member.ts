import type { MemberKickPayload } from '@poker/shared';
import { badRequest, conflict, DomainError, forbidden } from '../../../errors/domain.error';
import type { Actor } from '../actor';
import { revealIfEveryoneVoted } from '../auto-reveal';
import { memberOf, type MemberRow, type RoomAggregate } from '../room-aggregate';
import { requireFacilitator } from '../room-guards';
import { ROOM_LIMITS } from '../room-limits';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/**
 * The refusals of a kick, checked before the member's sockets are taken out of the room's
 * broadcasts, and again in the transition: a facilitator removes a member who is neither the
 * owner nor themselves; only the owner removes a co-facilitator.
 */
export function requireKickable(
  aggregate: RoomAggregate,
  actor: Actor,
  { accountId, block }: Pick<MemberKickPayload, 'accountId' | 'block'>,
): MemberRow {
  requireFacilitator(aggregate, actor, 'remove members');
  const { room } = aggregate;
  if (accountId === actor.accountId) {
    throw badRequest('You cannot remove yourself; leave the room instead.');
  }
  if (accountId === room.ownerAccountId) {
    throw forbidden('The room owner cannot be removed; the owner can hand the room over.');
  }
  const member = memberOf(aggregate, accountId);
  if (!member) throw new DomainError('NOT_FOUND', 'That person is not a member of this room.');
  if (room.facilitatorAccountIds.includes(accountId) && actor.accountId !== room.ownerAccountId) {
    throw forbidden('Only the room owner can remove a co-facilitator.');
  }
  if (block && room.blockedAccountIds.length >= ROOM_LIMITS.blockedPerRoom) {
    throw conflict(`A room blocks at most ${ROOM_LIMITS.blockedPerRoom} people.`);
  }
  return member;
}

/**
 * A facilitator removes a member: their membership, their card in the round in play (revealed
 * or not, so that it counts no more) and any facilitator grant go. With `block` they may not
 * join again until the room is removed; without it they may. The card they took with them may
 * have been the last one missing (auto-reveal).
 */
export const kickMember: Transition<Pick<MemberKickPayload, 'accountId' | 'block'>> = (
  aggregate,
  actor,
  payload,
  { online },
) => {
  const { accountId } = requireKickable(aggregate, actor, payload);
  const { room } = aggregate;
  const writes = new RoomWrites().removeMember(accountId);
  const holds = aggregate.votes.some(
    (vote) =>
      vote.issueKey === room.currentIssueKey &&
      vote.round === room.round &&
      vote.accountId === accountId,
  );
  if (holds && room.currentIssueKey) {
    writes.vote({ issueKey: room.currentIssueKey, round: room.round, accountId, value: null });
  }
  if (room.facilitatorAccountIds.includes(accountId)) {
    writes.setRoom({
      facilitatorAccountIds: room.facilitatorAccountIds.filter((id) => id !== accountId),
    });
  }
  if (payload.block && !room.blockedAccountIds.includes(accountId)) {
    writes.setRoom({ blockedAccountIds: [...room.blockedAccountIds, accountId] });
  }
  return revealIfEveryoneVoted(aggregate, writes, online);
};
