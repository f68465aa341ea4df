import { DEFAULT_TIMER_SECONDS } from '@poker/shared';

/** Abuse limits: each breach is refused with a clear CONFLICT or BAD_REQUEST, never silently. */
export const ROOM_LIMITS = {
  membersPerRoom: 100,
  issuesPerRoom: 200,
  roomsPerTenant: 1000,
  defaultTimerSeconds: DEFAULT_TIMER_SECONDS,
  /** Accounts a room keeps blocked at most. */
  blockedPerRoom: 200,
  /** One nudge per room in this many seconds. */
  nudgeIntervalSeconds: 10,
} as const;

/** OWNER_TAKEOVER_SECONDS' default (config/app-config.ts), for snapshots built in specs. */
export const DEFAULT_TAKEOVER_MS = 120_000;

/**
 * How many earlier rounds of the current issue a snapshot carries. Re-votes are rare in real
 * sessions; the cap keeps snapshots (sent to every member on every change) small regardless.
 */
export const HISTORY_ROUNDS = 5;
