/** Abuse limits: each breach is refused with a clear CONFLICT or BAD_REQUEST, never silently. */
export const ROOM_LIMITS = {
  membersPerRoom: 100,
  issuesPerRoom: 200,
  roomsPerTenant: 1000,
  defaultTimerSeconds: 60,
} as const;

/**
 * How many earlier rounds of the current issue a snapshot carries. Re-votes are rare in real
 * sessions; the cap keeps snapshots (sent to every member on every change) small regardless.
 */
export const HISTORY_ROUNDS = 5;
