import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LatencyHistogram } from './latency-histogram';
import { stateTraffic } from './lean-parser';
import type { ErrorCounts, OpKind, PhaseReport } from './worker-protocol';

type Measured = OpKind | 'connect' | 'recovery';
/** The loop-delay histogram holds the time between runs of a 10 ms timer; the delay is the excess. */
const LOOP_RESOLUTION_MS = 10;
/** Voting latencies are also kept per window of this length, to see drift over a soak. */
export const WINDOW_MS = 30_000;

/** Wall-clock milliseconds that agree between processes (unlike performance.now alone). */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/** Collects one phase's latencies, errors and counts in a worker; reset at each phase. */
export class PhaseRecorder {
  private histograms = new Map<Measured, LatencyHistogram>();
  private errors: ErrorCounts = {};
  private counts: Record<string, number> = {};
  private startedAt = wallClock();
  private phaseStart = performance.now();
  private windows: LatencyHistogram[] = [];
  private readonly loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

  constructor() {
    this.loopDelay.enable();
  }

  begin(): void {
    this.loopDelay.reset();
    this.histograms = new Map();
    this.errors = {};
    this.counts = {};
    this.startedAt = wallClock();
    this.phaseStart = performance.now();
    this.windows = [];
    stateTraffic.messages = 0;
    stateTraffic.chars = 0;
  }

  latency(kind: Measured, ms: number): void {
    let histogram = this.histograms.get(kind);
    if (!histogram) {
      histogram = new LatencyHistogram();
      this.histograms.set(kind, histogram);
    }
    histogram.record(ms);
    if (kind === 'vote:cast' || kind === 'vote:reveal' || kind === 'vote:reset') {
      const index = Math.floor((performance.now() - this.phaseStart) / WINDOW_MS);
      while (this.windows.length <= index) this.windows.push(new LatencyHistogram());
      this.windows[index].record(ms);
    }
  }

  error(cause: string): void {
    this.errors[cause] = (this.errors[cause] ?? 0) + 1;
  }

  count(name: string, by = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + by;
  }

  report(): PhaseReport {
    const latency: PhaseReport['latency'] = {};
    for (const [kind, histogram] of this.histograms) latency[kind] = histogram.toJSON();
    return {
      startedAt: this.startedAt,
      endedAt: wallClock(),
      latency,
      errors: this.errors,
      counts: {
        ...this.counts,
        'state messages': stateTraffic.messages,
        'state chars': stateTraffic.chars,
      },
      windows: this.windows.map((window) => window.toJSON()),
      loopDelayMs: {
        p99: Math.max(0, this.loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
        max: Math.max(0, this.loopDelay.max / 1e6 - LOOP_RESOLUTION_MS),
      },
    };
  }
}
