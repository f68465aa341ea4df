import { diffViews, type RoomPatch, type RoomSnapshot } from '@poker/shared';
import type { Operation } from 'fast-json-patch';

/** What this node last delivered of a room: the snapshot and each member's own card. */
export interface Delivered {
  snapshot: RoomSnapshot;
  cards: ReadonlyMap<string, string>;
  /** Each member's own async cards (`myAsyncVotes`); absent or empty in most rooms. */
  asyncCards?: ReadonlyMap<string, Record<string, string>>;
}

const NO_OPS: Operation[] = [];

/** The operation that brings a member's `myAsyncVotes` up to date, if theirs changed. */
function ownAsyncOps(previous: Delivered, next: Delivered, accountId: string): Operation[] {
  if (previous.asyncCards === next.asyncCards) return NO_OPS;
  const before = previous.asyncCards?.get(accountId);
  const now = next.asyncCards?.get(accountId);
  if (before === now) return NO_OPS;
  if (now === undefined) return [{ op: 'remove', path: '/myAsyncVotes' }];
  if (before !== undefined && JSON.stringify(before) === JSON.stringify(now)) return NO_OPS;
  return [{ op: 'add', path: '/myAsyncVotes', value: now }];
}

/**
 * The `room:patch` each member gets for the step from `previous` to `next`: the operations on
 * the shared snapshot, plus `myVote` for a member whose own card changed. Members whose patch
 * is the same share one entry (keyed by the card they now hold, or `unchanged`), so each
 * distinct patch is encoded once. Cards of others never enter a patch: the shared part is the
 * snapshot everyone sees (values hidden until reveal), and `myVote` goes to its owner alone.
 */
export function patchesFor(
  previous: Delivered,
  next: Delivered,
  accountIds: Iterable<string>,
): Map<string, { patch: RoomPatch; accountIds: string[] }> {
  const shared = diffViews(previous.snapshot, next.snapshot);
  const patches = new Map<string, { patch: RoomPatch; accountIds: string[] }>();
  const patchOf = (ops: Operation[]): RoomPatch => ({
    roomId: next.snapshot.id,
    baseVersion: previous.snapshot.version,
    version: next.snapshot.version,
    ops,
  });
  for (const accountId of accountIds) {
    const before = previous.cards.get(accountId) ?? null;
    const now = next.cards.get(accountId) ?? null;
    const own = ownAsyncOps(previous, next, accountId);
    const cardKey = before === now ? 'unchanged' : `card:${now}`;
    // A member whose own async cards changed gets a patch of their own.
    const key = own.length === 0 ? cardKey : `${cardKey}|async:${accountId}`;
    let entry = patches.get(key);
    if (!entry) {
      const mine: Operation[] =
        before === now ? shared : [...shared, { op: 'replace', path: '/myVote', value: now }];
      const ops = own.length === 0 ? mine : [...mine, ...own];
      entry = { patch: patchOf(ops), accountIds: [] };
      patches.set(key, entry);
    }
    entry.accountIds.push(accountId);
  }
  return patches;
}
