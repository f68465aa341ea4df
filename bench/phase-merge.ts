import { LatencyHistogram } from './latency-histogram';
import type { PhaseReport } from './worker-protocol';

/** One phase as all workers saw it together. */
export interface MergedPhase {
  seconds: number;
  /** Worst event-loop delay of any worker. */
  loopDelayMs: { p99: number; max: number };
  histograms: Map<string, LatencyHistogram>;
  /** Voting latencies per WINDOW_MS, oldest first. */
  windows: LatencyHistogram[];
  errors: Record<string, number>;
  counts: Record<string, number>;
}

function addUp(into: Record<string, number>, from: Record<string, number>): void {
  for (const [name, n] of Object.entries(from)) into[name] = (into[name] ?? 0) + n;
}

/** Adds the workers' histograms, errors and counts; the phase spans the first start to the last end. */
export function mergePhase(reports: PhaseReport[]): MergedPhase {
  const histograms = new Map<string, LatencyHistogram>();
  const windows: LatencyHistogram[] = [];
  const errors: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const report of reports) {
    for (const [kind, json] of Object.entries(report.latency)) {
      if (!json) continue;
      const histogram = histograms.get(kind) ?? new LatencyHistogram();
      histogram.merge(json);
      histograms.set(kind, histogram);
    }
    report.windows.forEach((json, index) => {
      windows[index] ??= new LatencyHistogram();
      windows[index].merge(json);
    });
    addUp(errors, report.errors);
    addUp(counts, report.counts);
  }
  const startedAt = Math.min(...reports.map((report) => report.startedAt));
  const endedAt = Math.max(...reports.map((report) => report.endedAt));
  return {
    seconds: (endedAt - startedAt) / 1000,
    loopDelayMs: {
      p99: Math.max(...reports.map((report) => report.loopDelayMs.p99)),
      max: Math.max(...reports.map((report) => report.loopDelayMs.max)),
    },
    histograms,
    windows: Array.from(windows, (window) => window ?? new LatencyHistogram()),
    errors,
    counts,
  };
}

/** The errors of several phases, added up by cause. */
export function allErrors(phases: (MergedPhase | undefined)[]): Record<string, number> {
  const errors: Record<string, number> = {};
  for (const phase of phases) if (phase) addUp(errors, phase.errors);
  return errors;
}
