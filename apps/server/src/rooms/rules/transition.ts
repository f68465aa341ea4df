import type { Actor } from './actor';
import type { RoomAggregate } from './room-aggregate';
import type { RoomWrites } from './room-writes';

/** What a transition sees besides the rows: who is online (live sockets) and the time. */
export interface TransitionContext {
  online: ReadonlySet<string>;
  now: Date;
}

/**
 * A room command as a pure function, one per file in transitions/: the rows, who acts, what
 * they asked and the context in; the writes out (empty when there is nothing to do). A refusal
 * is a thrown DomainError. Nothing else happens in it: no I/O, no clock, no mutation of its
 * input, so each rule is specified by a unit test (transitions/*.spec.ts).
 */
export type Transition<P> = (
  aggregate: RoomAggregate,
  actor: Actor,
  payload: P,
  context: TransitionContext,
) => RoomWrites;
