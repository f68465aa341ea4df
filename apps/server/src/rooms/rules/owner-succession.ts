import type { MemberRow } from './room-aggregate';

const ROLE_PREFERENCE = { voter: 0, observer: 1, owner: 2 } as const;

/**
 * Who takes over a room whose owner's account was closed: a voter before an observer (a voter
 * is taking part), the one seen most recently first; null when nobody else is in the room.
 */
export function pickSuccessor(
  members: readonly MemberRow[],
  leavingAccountId: string,
): MemberRow | null {
  const candidates = members
    .filter((member) => member.accountId !== leavingAccountId)
    .sort(
      (a, b) =>
        ROLE_PREFERENCE[a.role] - ROLE_PREFERENCE[b.role] ||
        b.lastSeenAt.getTime() - a.lastSeenAt.getTime() ||
        a.accountId.localeCompare(b.accountId),
    );
  return candidates[0] ?? null;
}
