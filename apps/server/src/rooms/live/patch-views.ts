import { diffViews, type RoomPatch, type RoomSnapshot } from '@poker/shared';
import type { Operation } from 'fast-json-patch';

/** What this node last delivered of a room: the snapshot and each member's own card. */
export interface Delivered {
  snapshot: RoomSnapshot;
  cards: ReadonlyMap<string, string>;
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
    const key = before === now ? 'unchanged' : `card:${now}`;
    let entry = patches.get(key);
    if (!entry) {
      const ops: Operation[] =
        before === now ? shared : [...shared, { op: 'replace', path: '/myVote', value: now }];
      entry = { patch: patchOf(ops), accountIds: [] };
      patches.set(key, entry);
    }
    entry.accountIds.push(accountId);
  }
  return patches;
}
