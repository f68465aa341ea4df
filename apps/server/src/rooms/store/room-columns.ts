import type { RoomFields } from '../rules/room-writes';

/**
 * The room row's writable columns, once: property, column and SQL type. The commit statement,
 * the creation statement and the export are built from it, and the `satisfies` makes a new
 * property of RoomRow fail to compile until it has its column here.
 */
export const ROOM_COLUMNS = {
  ownerAccountId: { column: 'owner_account_id', type: 'text' },
  name: { column: 'name', type: 'text' },
  deck: { column: 'deck', type: 'jsonb' },
  fieldId: { column: 'field_id', type: 'text' },
  autoReveal: { column: 'auto_reveal', type: 'boolean' },
  autoAdvance: { column: 'auto_advance', type: 'boolean' },
  ownerVotes: { column: 'owner_votes', type: 'boolean' },
  facilitatorAccountIds: { column: 'facilitator_account_ids', type: 'jsonb' },
  blockedAccountIds: { column: 'blocked_account_ids', type: 'jsonb' },
  skippedIssueKeys: { column: 'skipped_issue_keys', type: 'jsonb' },
  anonymousReveal: { column: 'anonymous_reveal', type: 'boolean' },
  anonymousThrough: { column: 'anonymous_through', type: 'jsonb' },
  suggestRule: { column: 'suggest_rule', type: 'text' },
  timerSeconds: { column: 'timer_seconds', type: 'integer' },
  asyncVoting: { column: 'async_voting', type: 'boolean' },
  currentIssueKey: { column: 'current_issue_key', type: 'text' },
  round: { column: 'round', type: 'integer' },
  revealed: { column: 'revealed', type: 'boolean' },
  timerEndsAt: { column: 'timer_ends_at', type: 'timestamptz' },
} as const satisfies Record<keyof RoomFields, { column: string; type: string }>;

export type RoomColumn = keyof typeof ROOM_COLUMNS;

export const ROOM_FIELDS = Object.keys(ROOM_COLUMNS) as RoomColumn[];

/** A property's value as a query parameter (jsonb goes as its text). */
export function columnValue(fields: RoomFields, property: RoomColumn): unknown {
  const value = fields[property];
  return ROOM_COLUMNS[property].type === 'jsonb' ? JSON.stringify(value) : value;
}
