import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../apps/server/src/database/embedded-postgres';
import type { ProbeSample } from './server-probe';

/** The repository root, from dist/bench/ where this file runs. */
export const ROOT = join(__dirname, '..', '..');
/** BENCH_SERVER_SCRIPT benchmarks another build (say, of an older commit) with the same bench. */
export const SERVER_SCRIPT =
  process.env.BENCH_SERVER_SCRIPT ?? join(ROOT, 'dist/apps/server/main.js');
export const BASELINE_SCRIPT = join(__dirname, 'baseline-server.js');
const PROBE = join(__dirname, 'server-probe.js');

const live = new Set<ChildProcess>();
let interrupted = false;

/** Remembers a child the bench started, so an interrupted run can end it. */
export function track(child: ChildProcess): ChildProcess {
  // The run unwinds for a moment after Ctrl-C: nothing it starts then may outlive it.
  if (interrupted) child.kill('SIGKILL');
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Ends every child still running (servers, workers, redis-server), and any started later. */
export function killTracked(): void {
  interrupted = true;
  for (const child of live) child.kill('SIGKILL');
}

export interface NodeProcess {
  label: string;
  url: string;
  pid: number;
  process: ChildProcess;
  output: string[];
  /** The probe's latest second: event-loop delay and GC (bench/server-probe.ts). */
  probe(): ProbeSample | undefined;
  /** Starts, then (second call) stops the CPU profile; resolves with the file written, if any. */
  toggleProfile(): Promise<string | undefined>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Profile with the inspector (bench/server-probe.ts), writing into this folder. */
  profileDir?: string;
}

/**
 * Runs a built Node server (ours: dist/apps/server/main.js, configured only by environment
 * variables as in production; or the baseline) and waits for /healthz. This mirrors
 * test/support/server-process.ts, whose path to main.js is relative to its own file and so
 * would point into dist/dist once compiled into dist/test/support.
 */
/**
 * V8 flags for every server the bench starts, ours and the baseline alike: the ones production
 * runs with (`npm run start:server`, the Dockerfile), or BENCH_NODE_FLAGS.
 */
function nodeFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);
}

export async function startNodeProcess(
  label: string,
  script: string,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<NodeProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const output: string[] = [];
  const probeFile = join(tmpdir(), `poker-bench-probe-${randomUUID()}.json`);
  const probing = {
    NODE_OPTIONS: `--require ${PROBE}`,
    BENCH_PROBE_FILE: probeFile,
    BENCH_PROFILE_LABEL: label,
    ...(options.profileDir && { BENCH_PROFILE_DIR: options.profileDir }),
  };
  const child = track(
    spawn(process.execPath, [...nodeFlags(), script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...probing, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited early:\n${output.join('')}`);
    const ready = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > until) throw new Error(`${label} did not start:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let profileRound = 0;
  return {
    label,
    url,
    pid: child.pid!,
    process: child,
    output,
    probe() {
      try {
        return JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeSample;
      } catch {
        return undefined;
      }
    },
    async toggleProfile() {
      if (!options.profileDir) return undefined;
      profileRound += 1;
      child.kill('SIGWINCH');
      if (profileRound % 2 === 1) return undefined;
      const file = join(options.profileDir, `${label}-${child.pid}.cpuprofile`);
      const deadline = Date.now() + 30_000;
      while (!existsSync(file) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return existsSync(file) ? file : undefined;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await ended;
      clearTimeout(timer);
      rmSync(probeFile, { force: true });
    },
  };
}
