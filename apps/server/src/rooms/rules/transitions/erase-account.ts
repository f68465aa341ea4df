import { DomainError } from '../../../errors/domain.error';
import { pickSuccessor } from '../owner-succession';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/**
 * The owner's account is being erased and nobody else is left to take the room over: the room
 * is removed instead (the caller does that), so this change is refused.
 */
export class NobodyLeftError extends DomainError {
  constructor() {
    super('CONFLICT', 'Nobody is left in the room to take it over.');
  }
}

/**
 * Erases an account Atlassian reported closed from one room: its votes and membership go, and
 * its name comes off saved estimates (the value Jira holds stays). A room it owned passes to
 * another member (owner-succession.ts).
 */
export const eraseAccount: Transition<{ accountId: string }> = (
  aggregate,
  _actor,
  { accountId },
) => {
  const { room } = aggregate;
  const writes = new RoomWrites().eraseAccount(accountId);
  // The room's lists of account IDs (co-facilitators, blocked) let go of it too.
  const others = (ids: string[]) => ids.filter((id) => id !== accountId);
  if (room.facilitatorAccountIds.includes(accountId)) {
    writes.setRoom({ facilitatorAccountIds: others(room.facilitatorAccountIds) });
  }
  if (room.blockedAccountIds.includes(accountId)) {
    writes.setRoom({ blockedAccountIds: others(room.blockedAccountIds) });
  }
  if (room.ownerAccountId !== accountId) return writes;
  const successor = pickSuccessor(aggregate.members, accountId);
  if (!successor) throw new NobodyLeftError();
  writes.upsertMember({ ...successor, role: 'owner' });
  writes.setRoom({ ownerAccountId: successor.accountId });
  const ownerVotes = successor.role !== 'observer';
  if (ownerVotes !== room.ownerVotes) writes.setRoom({ ownerVotes });
  if (room.facilitatorAccountIds.includes(successor.accountId)) {
    writes.setRoom({
      facilitatorAccountIds: others(room.facilitatorAccountIds).filter(
        (id) => id !== successor.accountId,
      ),
    });
  }
  return writes;
};
