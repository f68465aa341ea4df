import type { RoomTransferPayload } from '@poker/shared';
import { forbidden, notFound } from '../../../errors/domain.error';
import { memberOf } from '../room-aggregate';
import { requireMember } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { memberRow } from './room-membership';

export interface TransferRequest extends Pick<RoomTransferPayload, 'accountId'> {
  /** How long the owner must have been offline before a member may take the room over. */
  takeoverAfterMs: number;
}

/**
 * Hands the room to another member. A member may also take it over when the owner has been
 * offline for longer than the configured time, so a room never gets stuck. The previous owner
 * keeps their part (voting, or observing when they did not vote); the new one keeps theirs
 * (`ownerVotes` follows whether they voted), and a co-facilitator's grant is implied by owning.
 */
export const transferRoom: Transition<TransferRequest> = (
  aggregate,
  actor,
  { accountId, takeoverAfterMs },
  { online, now },
) => {
  const { room } = aggregate;
  if (room.ownerAccountId !== actor.accountId) {
    requireMember(aggregate, actor);
    const owner = memberOf(aggregate, room.ownerAccountId);
    const offlineFor = owner ? now.getTime() - owner.lastSeenAt.getTime() : Infinity;
    const canTakeOver =
      accountId === actor.accountId &&
      !online.has(room.ownerAccountId) &&
      offlineFor >= takeoverAfterMs;
    if (!canTakeOver) {
      throw forbidden(
        'Only the room owner can hand it over; a member can take it over once the owner has been offline for a while.',
      );
    }
  }
  const writes = new RoomWrites();
  if (accountId === room.ownerAccountId) return writes;
  const target = memberOf(aggregate, accountId);
  if (!target) throw notFound('Member');
  const previous = memberOf(aggregate, room.ownerAccountId);
  if (previous) {
    writes.upsertMember(
      memberRow(aggregate, previous.accountId, {
        role: room.ownerVotes ? 'voter' : 'observer',
        lastSeenAt: previous.lastSeenAt,
      }),
    );
  }
  writes.upsertMember(
    memberRow(aggregate, target.accountId, { role: 'owner', lastSeenAt: target.lastSeenAt }),
  );
  writes.setRoom({ ownerAccountId: target.accountId });
  const ownerVotes = target.role !== 'observer';
  if (ownerVotes !== room.ownerVotes) writes.setRoom({ ownerVotes });
  if (room.facilitatorAccountIds.includes(target.accountId)) {
    writes.setRoom({
      facilitatorAccountIds: room.facilitatorAccountIds.filter((id) => id !== target.accountId),
    });
  }
  return writes;
};
