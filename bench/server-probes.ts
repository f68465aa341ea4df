import type { NodeProcess } from './node-process';
import type { ProbeSample } from './server-probe';

export interface ProbeSummary {
  /** Mean over the seconds of each second's 99th percentile of event-loop delay. */
  loopP99Ms: number;
  loopMaxMs: number;
  /** Share of wall time the servers spent in GC pauses, averaged over the servers. */
  gcPercent: number;
  gcMaxMs: number;
  heapUsedMB: number;
}

/** Collects each server's per-second probe samples, so any phase can be summed up afterwards. */
export class ServerProbes {
  private readonly samples: { at: number; sample: ProbeSample }[] = [];
  private readonly last = new Map<NodeProcess, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly servers: NodeProcess[]) {
    this.timer = setInterval(() => this.collect(), 1000);
  }

  mark(): number {
    this.collect();
    return this.samples.length;
  }

  since(mark: number): ProbeSummary | undefined {
    this.collect();
    const window = this.samples.slice(mark).map(({ sample }) => sample);
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

  private collect(): void {
    for (const server of this.servers) {
      const sample = server.probe();
      if (!sample || sample.at === this.last.get(server)) continue;
      this.last.set(server, sample.at);
      this.samples.push({ at: sample.at, sample });
    }
  }
}
