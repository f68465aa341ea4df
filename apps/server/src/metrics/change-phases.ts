/**
 * The phases of one room change (`RoomCommitter.apply`), in the order they run; shared with the
 * bench, which reads them back from /metrics. No imports: the bench compiles this file alone.
 *
 * - `queue`: waiting in the room's queue on this node for the changes before it;
 * - `presence`: `beforePresence` (joining the Socket.IO room) and who is online;
 * - `transition`: the pure transition and `applyWrites`;
 * - `commit`: the database: on the cached path the version-checked statement (or, when nothing
 *   is written, the version check), on a locked path the whole transaction under the row lock,
 *   which includes that attempt's presence and transition;
 * - `snapshot`: building the snapshot and the members' own cards;
 * - `publish`: the broadcast (encoding, the emits to this node's sockets, `serverSideEmit`).
 */
export const ROOM_CHANGE_PHASES = [
  'queue',
  'presence',
  'transition',
  'commit',
  'snapshot',
  'publish',
] as const;
export type RoomChangePhase = (typeof ROOM_CHANGE_PHASES)[number];

export const ROOM_CHANGE_PHASE_METRIC = 'poker_room_change_phase_seconds';
export const PG_POOL_WAITING_METRIC = 'poker_pg_pool_waiting';

/**
 * Upper bounds in seconds: fine from 50 µs (a transition) to a few ms (a commit), coarser up to
 * a second (a change queued behind a stalled event loop or a locked transaction).
 */
export const ROOM_CHANGE_PHASE_BUCKETS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.0025, 0.005, 0.0075, 0.01, 0.025,
  0.05, 0.1, 0.25, 0.5, 1,
];

/**
 * Where one room change's time went, in milliseconds per phase, filled in as it runs. A phase
 * run more than once (a cached attempt, then the locked one) adds up. `path` is the commit path
 * as `poker_room_commits_total` counts it: 'cached', or 'locked-' and why.
 */
export class PhaseTimes {
  queue = 0;
  presence = 0;
  transition = 0;
  commit = 0;
  snapshot = 0;
  /** NaN when nothing changed, so nothing was published (and nothing is observed). */
  publish = NaN;
  path = 'cached';
}
