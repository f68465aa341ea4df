import { badRequest, DomainError } from '../../../errors/domain.error';
import { memberOf, type RoomAggregate } from '../room-aggregate';
import { requireOwner } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/** The member the owner names: in the room, and not the owner (who facilitates anyway). */
function requireGrantee(aggregate: RoomAggregate, accountId: string): void {
  if (accountId === aggregate.room.ownerAccountId) {
    throw badRequest('The room owner already has every facilitator action.');
  }
  if (!memberOf(aggregate, accountId)) {
    throw new DomainError(
      'NOT_FOUND',
      'That person is not a member of this room; only members can facilitate.',
    );
  }
}

/**
 * The owner grants a member the facilitator actions (reveal, re-vote, choose or skip issues,
 * timer, nudge, remove members, save estimates, settings). Granting twice changes nothing.
 */
export const grantFacilitator: Transition<{ accountId: string }> = (
  aggregate,
  actor,
  { accountId },
) => {
  requireOwner(aggregate, actor, 'grant facilitator actions');
  requireGrantee(aggregate, accountId);
  const { facilitatorAccountIds } = aggregate.room;
  const writes = new RoomWrites();
  if (facilitatorAccountIds.includes(accountId)) return writes;
  return writes.setRoom({ facilitatorAccountIds: [...facilitatorAccountIds, accountId] });
};

/** The owner takes a co-facilitator's actions back. Revoking twice changes nothing. */
export const revokeFacilitator: Transition<{ accountId: string }> = (
  aggregate,
  actor,
  { accountId },
) => {
  requireOwner(aggregate, actor, 'revoke facilitator actions');
  requireGrantee(aggregate, accountId);
  const { facilitatorAccountIds } = aggregate.room;
  const writes = new RoomWrites();
  if (!facilitatorAccountIds.includes(accountId)) return writes;
  return writes.setRoom({
    facilitatorAccountIds: facilitatorAccountIds.filter((id) => id !== accountId),
  });
};
