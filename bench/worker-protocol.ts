import type { HistogramJson } from './latency-histogram';

/** What the bench measures the latency of: the emit until the last member holds the result. */
export const OP_KINDS = [
  'room:create',
  'room:join',
  'vote:cast',
  'vote:reveal',
  'vote:reset',
  'room:rejoin',
] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** One participant: a socket of its own, pinned to one server node. */
export interface MemberPlan {
  accountId: string;
  token: string;
  node: number;
}

/** A room and its people; member 0 creates the room and owns it. All of it lives in one worker. */
export interface RoomPlan {
  name: string;
  members: MemberPlan[];
}

export interface WorkerPlan {
  urls: string[];
  rooms: RoomPlan[];
  /** A round per room every `periodMs`: every member votes, the owner reveals, then re-votes. */
  periodMs: number;
  /** Sockets a worker connects at once during the join storm. */
  connectConcurrency: number;
  ackTimeoutMs: number;
}

export type WorkerCommand =
  | { kind: 'plan'; plan: WorkerPlan }
  | { kind: 'connect' }
  | { kind: 'join' }
  | { kind: 'rounds-start' }
  | { kind: 'rounds-stop' }
  | { kind: 'drop'; fraction: number; timeoutMs: number }
  | { kind: 'close' };

/** Counts by cause: failed acks by event and code, timeouts, missing states, disconnects. */
export type ErrorCounts = Record<string, number>;

export interface PhaseReport {
  /** Wall-clock ms (performance.timeOrigin + now), comparable between the workers. */
  startedAt: number;
  endedAt: number;
  latency: Partial<Record<OpKind | 'connect' | 'recovery', HistogramJson>>;
  errors: ErrorCounts;
  /** Phase-specific counts (sockets connected, clients dropped, rooms recovered…). */
  counts: Record<string, number>;
  /** Voting latencies (all three kinds) per WINDOW_MS of the phase, oldest first. */
  windows: HistogramJson[];
  /** The worker's own event-loop delay: if it is high, the generator measures itself. */
  loopDelayMs: { p99: number; max: number };
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'done'; phase: WorkerCommand['kind']; report: PhaseReport }
  | { kind: 'failed'; message: string };
