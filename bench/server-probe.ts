import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * Loaded into every server under test (ours and the baseline) with `NODE_OPTIONS=--require …`;
 * it touches nothing of the server. Every second it writes to BENCH_PROBE_FILE the event-loop
 * delay and the GC pauses of the past second, which explain latency the CPU figures cannot.
 *
 * With BENCH_PROFILE_DIR (`--cpu-prof`), SIGWINCH starts the V8 sampling profiler and the next
 * SIGWINCH writes the profile, so it covers the voting load only. Node's own --cpu-prof writes
 * only on a clean exit, which a SIGTERM'd NestJS server does not make; SIGUSR2 is among the
 * signals Nest's shutdown hooks stop the app on; SIGWINCH is ignored by default.
 */
export interface ProbeSample {
  at: number;
  loopP99Ms: number;
  loopMaxMs: number;
  gcMs: number;
  gcMaxMs: number;
  heapUsedMB: number;
  /**
   * JS heap in use just after the latest full (mark-compact) collection: what is still
   * reachable, without the garbage waiting for the next one. Growth here is a leak; growth of
   * `heapUsedMB` alone may be garbage. 0 until the first full collection.
   */
  liveHeapMB: number;
}

// The histogram holds the time between the 10 ms sampling timer's runs; the delay is the excess.
const RESOLUTION_MS = 10;
const probeFile = process.env.BENCH_PROBE_FILE;
if (probeFile) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  let gcMs = 0;
  let gcMaxMs = 0;
  let liveHeapMB = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
      // Observers run soon after the collection, before much new garbage: close enough.
      const { kind } = (entry as unknown as { detail?: { kind?: number } }).detail ?? {};
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        liveHeapMB = process.memoryUsage().heapUsed / 2 ** 20;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const sample: ProbeSample = {
      at: Date.now(),
      loopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - RESOLUTION_MS),
      loopMaxMs: Math.max(0, loop.max / 1e6 - RESOLUTION_MS),
      gcMs,
      gcMaxMs,
      heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
      liveHeapMB,
    };
    loop.reset();
    gcMs = 0;
    gcMaxMs = 0;
    writeFileSync(probeFile, JSON.stringify(sample));
  }, 1000).unref();
}

const profileDir = process.env.BENCH_PROFILE_DIR;
if (profileDir) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      const label = process.env.BENCH_PROFILE_LABEL ?? 'server';
      writeFileSync(
        join(profileDir, `${label}-${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
