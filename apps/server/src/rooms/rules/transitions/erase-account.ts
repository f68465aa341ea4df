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
  if (room.ownerAccountId !== accountId) return writes;
  const successor = pickSuccessor(aggregate.members, accountId);
  if (!successor) throw new NobodyLeftError();
  return writes
    .upsertMember({ ...successor, role: 'owner' })
    .setRoom({ ownerAccountId: successor.accountId });
};
