import { availableParallelism } from 'node:os';

export const SCENARIOS = ['one-node', 'two-nodes', 'reconnect', 'soak', 'commit-floor'] as const;
export type Scenario = (typeof SCENARIOS)[number];
/** The scenarios that drive servers with the load generator (commit-floor measures Postgres). */
export type LoadScenario = Exclude<Scenario, 'commit-floor'>;

export interface BenchOptions {
  scenarios: Scenario[];
  /** Include the bare socket.io baseline in the scenarios that compare with it. */
  baseline: boolean;
  /** Include our server where a scenario compares it with the baseline (one-node, reconnect). */
  ours: boolean;
  /**
   * Run the baseline with socket.io's connection-state recovery, which keeps every packet of
   * the window. Off by default: the bare floor is socket.io without it (our server keeps only
   * the newest snapshot per socket, which costs next to nothing).
   */
  baselineRecovery: boolean;
  rooms: number;
  members: number;
  durationSec: number;
  periodSec: number;
  workers: number;
  dropFraction: number;
  cpuProfile: boolean;
  connectConcurrency: number;
  ackTimeoutSec: number;
  sizeLabel: 'quick' | 'full' | 'custom';
}

export const USAGE = `Usage: npm run bench -- [options]
  --quick              100 rooms × 10, 20 s per scenario (also BENCH_QUICK=1)
  --soak               5-minute soak of our server and the baseline (the control),
                       memory and latency over time (also BENCH_SOAK=1)
  --scenario LIST      comma-separated: ${SCENARIOS.join(', ')}
                       (default: one-node,two-nodes,reconnect,commit-floor;
                       with --soak: soak)
  --rooms N            rooms (default 1000; quick 100)
  --members M          participants per room, owner included (default 10)
  --duration S         seconds of voting per scenario (default 60; quick 20; soak 300)
  --period S           seconds per round, i.e. between two votes of one person (default 10)
  --workers N          load-generator processes (default: one per core)
  --drop F             share of clients the reconnect storm drops (default 0.2)
  --no-baseline        skip the bare socket.io baseline
  --baseline-only      only the baseline in one-node and reconnect
  --baseline-recovery     run the baseline with socket.io's connection-state recovery buffer
  --cpu-prof           profile the servers during the voting phase (bench/results/profiles)
  --concurrency N      sockets each worker connects at once in the join storm (default 250)
  --ack-timeout S      an operation counts as failed after S seconds (default 15)`;

function flagValue(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at !== -1) return argv[at + 1];
  const inline = argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function positive(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number (got "${text}")`);
  return value;
}

/** Reads the command line (and BENCH_QUICK / BENCH_SOAK); throws with a message on bad input. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const soak = argv.includes('--soak') || env.BENCH_SOAK === '1';
  const listed = flagValue(argv, '--scenario') ?? flagValue(argv, '--scenarios');
  const scenarios = (
    listed?.split(',') ?? (soak ? ['soak'] : ['one-node', 'two-nodes', 'reconnect', 'commit-floor'])
  ).map((name) => {
    if (!(SCENARIOS as readonly string[]).includes(name))
      throw new Error(`Unknown scenario "${name}"`);
    return name as Scenario;
  });
  const rooms = Math.round(positive(flagValue(argv, '--rooms'), '--rooms', quick ? 100 : 1000));
  const members = Math.round(positive(flagValue(argv, '--members'), '--members', 10));
  if (members < 2 || members > 100)
    throw new Error('--members must be between 2 and 100 (the room cap)');
  const defaultDuration = soak ? 300 : quick ? 20 : 60;
  const dropFraction = positive(flagValue(argv, '--drop'), '--drop', 0.2);
  if (dropFraction > 1) throw new Error('--drop is a share between 0 and 1');
  const custom = ['--rooms', '--members', '--duration', '--period'].some((flag) =>
    argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`)),
  );
  return {
    scenarios,
    baseline: !argv.includes('--no-baseline'),
    ours: !argv.includes('--baseline-only'),
    baselineRecovery: argv.includes('--baseline-recovery'),
    rooms,
    members,
    durationSec: positive(flagValue(argv, '--duration'), '--duration', defaultDuration),
    periodSec: positive(flagValue(argv, '--period'), '--period', 10),
    workers: Math.round(
      positive(flagValue(argv, '--workers'), '--workers', availableParallelism()),
    ),
    dropFraction,
    cpuProfile: argv.includes('--cpu-prof'),
    connectConcurrency: Math.round(
      positive(flagValue(argv, '--concurrency'), '--concurrency', 250),
    ),
    ackTimeoutSec: positive(flagValue(argv, '--ack-timeout'), '--ack-timeout', 15),
    sizeLabel: custom ? 'custom' : quick ? 'quick' : 'full',
  };
}
