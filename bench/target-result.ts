import type { LatencySummary } from './latency-histogram';
import { WINDOW_MS } from './phase-recorder';
import type { MergedPhase } from './phase-merge';
import type { ProbeSummary } from './server-probes';
import { OP_KINDS, type OpKind } from './worker-protocol';

/** How one target is driven: the load and its shape. */
/**
 * [seconds since voting began, server RSS MB, JS heap in use MB, JS heap live after the latest
 * full collection MB], summed over the servers.
 */
export type MemorySample = [number, number, number, number];

export interface RunSpec {
  rooms: number;
  members: number;
  durationSec: number;
  periodSec: number;
  workers: number;
  connectConcurrency: number;
  ackTimeoutSec: number;
  /** The reconnect storm, after the voting phase. */
  drop?: { fraction: number; timeoutSec: number };
  /** How often the server's memory is sampled while voting. */
  sampleEverySec: number;
}

/** Everything measured on one target; written as JSON and printed as a table column. */
export interface TargetResult {
  label: string;
  kind: 'ours' | 'baseline';
  nodes: number;
  rooms: number;
  participants: number;
  connect: {
    sockets: number;
    seconds: number;
    perSecond: number;
    latency: LatencySummary | undefined;
  };
  join: { rooms: number; joined: number; seconds: number; perSecond: number };
  latency: Partial<Record<OpKind, LatencySummary>>;
  voting: {
    seconds: number;
    /** What the load shape asks for: every room, members + reveal + reset per period. */
    offeredPerSecond: number;
    operations: number;
    perSecond: number;
    statesPerSecond: number;
    /** Mean length of a room:state message on the wire (JSON), in KB. */
    stateKB: number;
    /** Voting latency per WINDOW_MS: drift over a long run. */
    windows: { fromSec: number; count: number; p50: number; p99: number; max: number }[];
  };
  /** Average CPU during the voting phase, in % of one core, per group of processes. */
  cpuPercent: Record<string, number>;
  /** The same during the join storm (connect, then create and join). */
  joinStormCpuPercent: Record<string, number>;
  /**
   * The servers' event-loop delay and GC (bench/server-probe.ts) per phase, and ours' room-change
   * phases and Postgres pool waits (their /metrics, bench/server-probes.ts).
   */
  serverProbe: { joinStorm: ProbeSummary | undefined; voting: ProbeSummary | undefined };
  serverCpuMsPerOperation: number;
  /** Our servers' room commits during voting, by path (room-mutator.service.ts). */
  commitPaths?: Record<string, number>;
  rss: {
    idleMB: number;
    connectedMB: number;
    joinedMB: number;
    endMB: number;
    perSocketKB: number;
    perParticipantKB: number;
    timeline: MemorySample[];
    /** Least-squares slopes over the second half of the timeline. */
    growthMBPerMinute: number;
    heapGrowthMBPerMinute: number;
    /** The leak check: growth of the heap still live after full collections. */
    liveHeapGrowthMBPerMinute: number;
  };
  errors: Record<string, number>;
  /** Worst event-loop delay of a generator worker per phase (ms): high means the bench limits. */
  generatorLoopDelayMs: Record<'connect' | 'join' | 'voting', { p99: number; max: number }>;
  /** The server processes' last lines of output (warnings and errors, LOG_LEVEL=warn). */
  serverLog: string[];
  reconnect?: {
    dropped: number;
    roomsTouched: number;
    roomsRecovered: number;
    sessionsRecovered: number;
    sessionsNew: number;
    /** Until the last touched room was consistent again. */
    seconds: number;
    perRoom: LatencySummary | undefined;
  };
}

/** Least-squares slope of column `column` over the second half of the samples, per minute. */
export function slopePerMinute(points: number[][], column: number): number {
  const tail = points.slice(Math.floor(points.length / 2));
  if (tail.length < 3) return NaN;
  const meanX = tail.reduce((sum, point) => sum + point[0], 0) / tail.length;
  const meanY = tail.reduce((sum, point) => sum + point[column], 0) / tail.length;
  const covariance = tail.reduce(
    (sum, point) => sum + (point[0] - meanX) * (point[column] - meanY),
    0,
  );
  const variance = tail.reduce((sum, point) => sum + (point[0] - meanX) ** 2, 0);
  return variance ? (covariance / variance) * 60 : NaN;
}

/** Each kind's latency from the phase that measures it (joins in the join storm, and so on). */
export function latencyByKind(phases: (MergedPhase | undefined)[]): TargetResult['latency'] {
  const latency: TargetResult['latency'] = {};
  for (const kind of OP_KINDS) {
    const histogram = phases.map((phase) => phase?.histograms.get(kind)).find((h) => h?.count);
    if (histogram) latency[kind] = histogram.summary();
  }
  return latency;
}

export function votingSummary(
  voting: MergedPhase,
  seconds: number,
  spec: RunSpec,
): TargetResult['voting'] {
  const operations = ['vote:cast', 'vote:reveal', 'vote:reset'].reduce(
    (sum, kind) => sum + (voting.histograms.get(kind)?.count ?? 0),
    0,
  );
  const states = voting.counts['state messages'] ?? 0;
  return {
    seconds,
    offeredPerSecond: (spec.rooms * (spec.members + 2)) / spec.periodSec,
    operations,
    perSecond: operations / seconds,
    statesPerSecond: states / seconds,
    stateKB: states ? (voting.counts['state chars'] ?? 0) / states / 1024 : NaN,
    windows: voting.windows.map((window, index) => ({
      fromSec: (index * WINDOW_MS) / 1000,
      count: window.count,
      p50: window.percentile(50),
      p99: window.percentile(99),
      max: window.percentile(100),
    })),
  };
}

export function reconnectSummary(recovery: MergedPhase): TargetResult['reconnect'] {
  const perRoom = recovery.histograms.get('recovery');
  return {
    dropped: recovery.counts.dropped ?? 0,
    roomsTouched: recovery.counts['rooms touched'] ?? 0,
    roomsRecovered: recovery.counts['rooms recovered'] ?? 0,
    sessionsRecovered: recovery.counts['sessions recovered'] ?? 0,
    sessionsNew: recovery.counts['sessions new'] ?? 0,
    seconds: perRoom?.count ? perRoom.percentile(100) / 1000 : NaN,
    perRoom: perRoom?.summary(),
  };
}
