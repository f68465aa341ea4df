import {
  PG_POOL_WAITING_METRIC,
  ROOM_CHANGE_PHASE_METRIC,
  ROOM_CHANGE_PHASES,
  type RoomChangePhase,
} from '../apps/server/src/metrics/change-phases';
import type { NodeProcess } from './node-process';
import type { ProbeSample } from './server-probe';

/**
 * One phase of our room changes over a window, in ms, from the histogram's buckets; Infinity
 * beyond the last bound.
 */
export interface PhaseQuantiles {
  count: number;
  p50: number;
  p99: number;
}

export interface ProbeSummary {
  /** Mean over the seconds of each second's 99th percentile of event-loop delay. */
  loopP99Ms: number;
  loopMaxMs: number;
  /** Share of wall time the servers spent in GC pauses, averaged over the servers. */
  gcPercent: number;
  gcMaxMs: number;
  heapUsedMB: number;
  /**
   * Our servers' time per phase of a room change (`poker_room_change_phase_seconds`, every
   * commit path), from their /metrics at the window's start and end. Absent for the baseline.
   */
  phases?: Partial<Record<RoomChangePhase, PhaseQuantiles>>;
  /** Most requests waiting for a Postgres connection on one node, in the per-second scrapes. */
  pgPoolWaitingMax?: number;
}

/** Where a window starts: the probe samples so far, and the time (for the /metrics scrapes). */
export interface ProbeMark {
  samples: number;
  at: number;
}

/** One server's /metrics: cumulative bucket counts per phase (summed over the paths) by bound. */
interface MetricsReading {
  server: NodeProcess;
  /** When the request was sent: the reading is of a moment after it. */
  at: number;
  buckets: Map<string, Map<number, number>>;
  waiting: number;
}

const BUCKET_LINE = new RegExp(`^${ROOM_CHANGE_PHASE_METRIC}_bucket\\{([^}]*)\\} (\\S+)$`, 'gm');
const WAITING_LINE = new RegExp(`^${PG_POOL_WAITING_METRIC} (\\S+)$`, 'm');
const LABEL = /(\w+)="([^"]*)"/g;
const SCRAPE_TIMEOUT_MS = 5000;

/**
 * Collects each server's per-second probe samples, and each second our servers' /metrics (the
 * room-change phases and the Postgres pool), so any phase can be summed up afterwards.
 */
export class ServerProbes {
  private readonly samples: { at: number; sample: ProbeSample }[] = [];
  private readonly last = new Map<NodeProcess, number>();
  private readonly readings: MetricsReading[] = [];
  /** Servers without /metrics (the baseline): no longer asked. */
  private readonly withoutMetrics = new Set<NodeProcess>();
  private scraping = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly servers: NodeProcess[]) {
    this.timer = setInterval(() => {
      this.collect();
      if (this.scraping) return;
      this.scraping = true;
      void this.scrape().finally(() => (this.scraping = false));
    }, 1000);
  }

  /** A window starts now; /metrics is read at once, so that its first reading is of this moment. */
  mark(): ProbeMark {
    this.collect();
    const at = Date.now();
    void this.scrape();
    return { samples: this.samples.length, at };
  }

  /**
   * The window since `mark`. The /metrics figures run from the first reading after the mark to
   * the latest one, which may be up to a second old.
   */
  since(mark: ProbeMark): ProbeSummary | undefined {
    this.collect();
    const window = this.samples.slice(mark.samples).map(({ sample }) => sample);
    if (window.length === 0) return undefined;
    // A probe that stopped writing means a main thread that has been blocked ever since.
    const now = Date.now();
    const stalledMs = Math.max(
      0,
      ...this.servers.map((server) => now - (this.last.get(server) ?? now) - 1000),
    );
    const sum = (pick: (sample: ProbeSample) => number) =>
      window.reduce((total, s) => total + pick(s), 0);
    return {
      loopP99Ms: sum((s) => s.loopP99Ms) / window.length,
      loopMaxMs: Math.max(stalledMs, ...window.map((s) => s.loopMaxMs)),
      // Each sample covers one second of one server.
      gcPercent: (sum((s) => s.gcMs) / (window.length * 1000)) * 100,
      gcMaxMs: Math.max(...window.map((s) => s.gcMaxMs)),
      heapUsedMB: window.slice(-this.servers.length).reduce((total, s) => total + s.heapUsedMB, 0),
      ...this.metricsSince(mark.at),
    };
  }

  /** JS heap in use now, summed over the servers (from their latest samples). */
  heapMB(): number {
    return this.latest((sample) => sample.heapUsedMB);
  }

  /** JS heap live after each server's latest full collection, summed over the servers. */
  liveHeapMB(): number {
    return this.latest((sample) => sample.liveHeapMB);
  }

  private latest(pick: (sample: ProbeSample) => number): number {
    this.collect();
    let total = 0;
    for (const server of this.servers) {
      const sample = server.probe();
      total += sample ? pick(sample) : 0;
    }
    return total;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The phases' quantiles and the pool's waiting maximum between the first and last readings. */
  private metricsSince(at: number): Pick<ProbeSummary, 'phases' | 'pgPoolWaitingMax'> {
    const window = this.readings.filter((reading) => reading.at >= at);
    if (window.length === 0) return {};
    const delta = new Map<string, Map<number, number>>();
    for (const server of new Set(window.map((reading) => reading.server))) {
      const own = window.filter((reading) => reading.server === server).sort((a, b) => a.at - b.at);
      const first = own[0];
      const last = own[own.length - 1];
      for (const [phase, buckets] of last.buckets) {
        const sums = delta.get(phase) ?? new Map<number, number>();
        delta.set(phase, sums);
        for (const [bound, count] of buckets) {
          const before = first.buckets.get(phase)?.get(bound) ?? 0;
          sums.set(bound, (sums.get(bound) ?? 0) + count - before);
        }
      }
    }
    const phases: ProbeSummary['phases'] = {};
    for (const phase of ROOM_CHANGE_PHASES) {
      const buckets = [...(delta.get(phase) ?? [])].sort((a, b) => a[0] - b[0]);
      const count = buckets.at(-1)?.[1] ?? 0;
      if (count === 0) continue;
      phases[phase] = {
        count,
        p50: bucketQuantile(buckets, 0.5) * 1000,
        p99: bucketQuantile(buckets, 0.99) * 1000,
      };
    }
    return {
      phases,
      pgPoolWaitingMax: Math.max(...window.map((reading) => reading.waiting)),
    };
  }

  /** Reads every server's /metrics (those that have one), tagged with the time it was asked. */
  private async scrape(): Promise<void> {
    const at = Date.now();
    const servers = this.servers.filter((server) => !this.withoutMetrics.has(server));
    await Promise.all(
      servers.map(async (server) => {
        try {
          const response = await fetch(`${server.url}/metrics`, {
            signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
          });
          if (response.status === 404) this.withoutMetrics.add(server);
          if (!response.ok) {
            await response.body?.cancel();
            return;
          }
          this.readings.push({ server, at, ...parseMetrics(await response.text()) });
        } catch {
          // A busy or stopping server: the next second's reading will do.
        }
      }),
    );
  }

  private collect(): void {
    for (const server of this.servers) {
      const sample = server.probe();
      if (!sample || sample.at === this.last.get(server)) continue;
      this.last.set(server, sample.at);
      this.samples.push({ at: sample.at, sample });
    }
  }
}

/** The room-change phase buckets (summed over the commit paths) and the pool's waiting gauge. */
function parseMetrics(text: string): Pick<MetricsReading, 'buckets' | 'waiting'> {
  const buckets = new Map<string, Map<number, number>>();
  for (const [, labelText, value] of text.matchAll(BUCKET_LINE)) {
    const labels = Object.fromEntries([...labelText.matchAll(LABEL)].map(([, k, v]) => [k, v]));
    const bound = labels.le === '+Inf' ? Infinity : Number(labels.le);
    const counts = buckets.get(labels.phase) ?? new Map<number, number>();
    buckets.set(labels.phase, counts);
    counts.set(bound, (counts.get(bound) ?? 0) + Number(value));
  }
  return { buckets, waiting: Number(WAITING_LINE.exec(text)?.[1] ?? 0) };
}

/**
 * The `q` quantile (0–1) of cumulative bucket counts sorted by bound, interpolated linearly
 * within its bucket as Prometheus's histogram_quantile does; Infinity when it is beyond the
 * highest finite bound (where Prometheus would answer that bound).
 */
export function bucketQuantile(buckets: [number, number][], q: number): number {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return Infinity;
      return lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / (count - lowerCount);
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}
