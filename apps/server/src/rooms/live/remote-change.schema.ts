import { DECK_KINDS, MEMBER_ROLES, SUGGEST_RULES } from '@poker/shared';
import { z } from 'zod';
import type { AggregateRows } from './aggregate-rows';

/**
 * What another node sends after a change (room-broadcaster.service.ts), checked before its rows
 * enter the RoomCache: the hot path decides owner-only actions and votes on cached rows, so
 * a malformed or foreign message must never become the room a change is computed on.
 */
const epochMs = z.number().int().nonnegative();
const text = z.string().min(1).max(1024);
const nullableText = z.string().max(1024).nullable();
/** Far above the room limits (room-limits.ts): a bound, not a rule. */
const MAX_ROWS = 10_000;

const roomSchema = z.strictObject({
  id: z.uuid(),
  tenantId: z.uuid(),
  ownerAccountId: text,
  name: z.string().max(1024),
  deck: z.strictObject({
    kind: z.enum(DECK_KINDS),
    cards: z.array(z.string().max(64)).max(100).optional(),
    values: z.record(z.string().max(64), z.number().finite()).optional(),
  }),
  fieldId: nullableText,
  autoReveal: z.boolean(),
  autoAdvance: z.boolean(),
  ownerVotes: z.boolean(),
  facilitatorAccountIds: z.array(text).max(MAX_ROWS),
  blockedAccountIds: z.array(text).max(MAX_ROWS),
  skippedIssueKeys: z.array(text).max(MAX_ROWS),
  anonymousReveal: z.boolean(),
  anonymousThrough: z.record(text, z.number().int().nonnegative()),
  suggestRule: z.enum(SUGGEST_RULES),
  timerSeconds: z.number().int().positive(),
  asyncVoting: z.boolean(),
  currentIssueKey: nullableText,
  round: z.number().int().nonnegative(),
  revealed: z.boolean(),
  timerEndsAt: epochMs.nullable(),
  version: z.number().int().positive(),
  updatedAt: epochMs,
}) satisfies z.ZodType<AggregateRows['room']>;

const rowsSchema = z.strictObject({
  room: roomSchema,
  members: z.array(z.tuple([text, z.enum(MEMBER_ROLES), epochMs])).max(MAX_ROWS),
  issues: z
    .array(
      z.tuple([
        text,
        z.number().int(),
        z.number().finite().nullable(),
        epochMs.nullable(),
        nullableText,
        nullableText,
        z.number().int().positive().nullable(),
        z.boolean().nullable(),
      ]),
    )
    .max(MAX_ROWS),
  votes: z
    .array(z.tuple([text, z.number().int().nonnegative(), text, z.string().max(64)]))
    .max(MAX_ROWS),
  asyncVotes: z
    .array(z.tuple([text, text, z.string().max(64)]))
    .max(MAX_ROWS)
    .optional(),
});

export const remoteChangeSchema = z.strictObject({
  format: z.number(),
  rows: rowsSchema,
  online: z.array(text).max(MAX_ROWS),
});

/** A change that passed the check: the rows as `fromAggregateRows` expects them. */
export interface CheckedRemoteChange {
  format: number;
  rows: AggregateRows;
  online: string[];
}

/** The checked change, or undefined for anything malformed (`roomId` then names what to evict). */
export function checkRemoteChange(message: unknown): {
  change?: CheckedRemoteChange;
  roomId?: string;
} {
  const parsed = remoteChangeSchema.safeParse(message);
  if (parsed.success) return { change: parsed.data };
  const id = (message as { rows?: { room?: { id?: unknown } } } | null)?.rows?.room?.id;
  return { roomId: typeof id === 'string' ? id : undefined };
}
