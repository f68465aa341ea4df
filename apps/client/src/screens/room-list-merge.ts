import type { RoomListChangedPayload, RoomSummary } from '@poker/shared';

/** The newer of two summaries of one room (by `version`; one without it counts as older). */
function newer(held: RoomSummary | undefined, next: RoomSummary): RoomSummary {
  if (!held) return next;
  return (next.version ?? 0) >= (held.version ?? 0) ? next : held;
}

/** Pure merge of a push into the rooms held (removed IDs are remembered by the caller). */
export function mergeRoomList(
  held: readonly RoomSummary[],
  change: RoomListChangedPayload,
): RoomSummary[] {
  const byId = new Map(held.map((room) => [room.id, room]));
  for (const room of change.rooms) byId.set(room.id, newer(byId.get(room.id), room));
  for (const id of change.removedRoomIds) byId.delete(id);
  return [...byId.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Rooms of a fresh `room:list` answer, keeping anything newer a push brought meanwhile. */
export function mergeLoaded(
  held: readonly RoomSummary[] | null,
  loaded: readonly RoomSummary[],
  removed: ReadonlySet<string>,
): RoomSummary[] {
  const byId = new Map((held ?? []).map((room) => [room.id, room]));
  return loaded
    .filter((room) => !removed.has(room.id))
    .map((room) => newer(room, byId.get(room.id) ?? room))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * The list as a person reads it: their rooms (member or owner) first, then the others, each
 * most recently used first; with a query, only rooms whose name holds it or that the server
 * found for it as an issue key (`byIssue`).
 */
export function roomsInView(
  rooms: readonly RoomSummary[],
  accountId: string,
  query: string,
  byIssue: ReadonlySet<string>,
): RoomSummary[] {
  const wanted = query.trim().toLowerCase();
  const shown = wanted
    ? rooms.filter((room) => room.name.toLowerCase().includes(wanted) || byIssue.has(room.id))
    : [...rooms];
  const rank = (room: RoomSummary) => (isMine(room, accountId) ? 0 : 1);
  return shown.sort((a, b) => rank(a) - rank(b) || b.updatedAt.localeCompare(a.updatedAt));
}

/** A room the person is in (or owns): the list offers "Open" rather than "Join". */
export function isMine(room: RoomSummary, accountId: string): boolean {
  return room.ownerAccountId === accountId || !!room.memberAccountIds?.includes(accountId);
}
