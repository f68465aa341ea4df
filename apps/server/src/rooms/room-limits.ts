/** Abuse limits: each breach is refused with a clear CONFLICT or BAD_REQUEST, never silently. */
export const ROOM_LIMITS = {
  membersPerRoom: 100,
  issuesPerRoom: 200,
  roomsPerTenant: 1000,
  defaultTimerSeconds: 60,
} as const;
