import { applyPatch, compare, type Operation } from 'fast-json-patch';
import { z } from 'zod';
import type { RoomSnapshot } from './snapshot';

/**
 * `room:patch`: what changed in a room since the snapshot a client holds, for clients that
 * asked for patches at the handshake (`auth.protocol = 'patch'`; DESIGN.md's `room:state`
 * stays the default). The operations are RFC 6902 JSON Patch against the member's own view
 * (the snapshot with `myVote`), so applying them in order yields exactly the `room:state` the
 * server would have sent. A patch applies only to the snapshot at `baseVersion`; a client
 * holding any other version re-joins (`room:join`), whose ack is the full snapshot.
 */
export interface RoomPatch {
  roomId: string;
  /** The version the operations apply to. */
  baseVersion: number;
  /** The version the snapshot has after them. */
  version: number;
  ops: Operation[];
}

/** The handshake option (`auth.protocol`) that asks for `room:patch` instead of `room:state`. */
export const PATCH_PROTOCOL = 'patch';

const pointer = z.string().max(256);
export const roomPatchSchema = z.strictObject({
  roomId: z.string(),
  baseVersion: z.number().int().nonnegative(),
  version: z.number().int().positive(),
  ops: z
    .array(
      z.union([
        z.strictObject({
          op: z.enum(['add', 'replace', 'test']),
          path: pointer,
          value: z.unknown(),
        }),
        z.strictObject({ op: z.literal('remove'), path: pointer }),
        z.strictObject({ op: z.enum(['move', 'copy']), from: pointer, path: pointer }),
      ]),
    )
    .max(10_000),
});

/** The operations that turn `from` into `to` (both one member's view of the room). */
export function diffViews(from: RoomSnapshot, to: RoomSnapshot): Operation[] {
  return compare(from, to);
}

/**
 * The snapshot after `patch`, as a new object (`held` is left as it was), or null when the
 * patch does not apply to it: another room, another base version, or operations that fail.
 */
export function applyRoomPatch(held: RoomSnapshot, patch: RoomPatch): RoomSnapshot | null {
  if (held.id !== patch.roomId || held.version !== patch.baseVersion) return null;
  try {
    const next = applyPatch(held, patch.ops, true, false).newDocument;
    return next.version === patch.version ? next : null;
  } catch {
    return null;
  }
}
