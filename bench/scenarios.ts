import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions, LoadScenario } from './bench-options';
import { ROOT } from './node-process';
import type { Comparison } from './report';
import type { RunSpec, TargetResult } from './target-result';
import { runTarget } from './target-run';
import { startBaseline, startOurs, type Infrastructure, type Target } from './targets';

export interface ScenarioResult {
  scenario: LoadScenario;
  startedAt: string;
  spec: RunSpec;
  /** Results of this scenario, then those of earlier scenarios it is compared with. */
  results: TargetResult[];
  comparisons: Comparison[];
}

export const PROFILE_DIR = join(ROOT, 'bench', 'results', 'profiles');
/** The reconnect storm follows a short voting phase, enough to have rounds in every room. */
const RECONNECT_WARMUP_SEC = 10;

type TargetSpec = { kind: 'ours' | 'baseline'; nodes: number };

/** Results of this invocation, by target, that later scenarios compare against. */
const earlier = new Map<string, TargetResult>();

function specOf(scenario: LoadScenario, options: BenchOptions): RunSpec {
  return {
    rooms: options.rooms,
    members: options.members,
    durationSec:
      scenario === 'reconnect'
        ? Math.min(options.durationSec, RECONNECT_WARMUP_SEC)
        : options.durationSec,
    periodSec: options.periodSec,
    workers: options.workers,
    connectConcurrency: options.connectConcurrency,
    ackTimeoutSec: options.ackTimeoutSec,
    drop: scenario === 'reconnect' ? { fraction: options.dropFraction, timeoutSec: 60 } : undefined,
    sampleEverySec: scenario === 'soak' ? 10 : 5,
  };
}

async function runOne(
  want: TargetSpec,
  spec: RunSpec,
  options: BenchOptions,
  infra: Infrastructure,
  log: (line: string) => void,
): Promise<TargetResult> {
  const profileDir = options.cpuProfile ? PROFILE_DIR : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const target: Target =
    want.kind === 'ours'
      ? await startOurs(infra, want.nodes, spec.rooms, profileDir)
      : await startBaseline(options.baselineRecovery, profileDir);
  try {
    return await runTarget(target, spec, log);
  } finally {
    await target.stop();
  }
}

export async function runScenario(
  scenario: LoadScenario,
  options: BenchOptions,
  infra: Infrastructure,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const startedAt = new Date().toISOString();
  const spec = specOf(scenario, options);
  const baseline: TargetSpec[] = options.baseline ? [{ kind: 'baseline', nodes: 1 }] : [];
  const ours = (nodes: number): TargetSpec => ({ kind: 'ours', nodes });
  const oursBeside = options.ours ? [ours(1)] : [];
  const plan: Record<LoadScenario, TargetSpec[]> = {
    'one-node': [...baseline, ...oursBeside],
    'two-nodes': [...(earlier.has('ours×1') ? [] : [ours(1)]), ours(2)],
    reconnect: [...baseline, ...oursBeside],
    soak: [...baseline, ours(1)],
  };
  const results: TargetResult[] = [];
  for (const want of plan[scenario]) {
    const result = await runOne(want, spec, options, infra, log);
    results.push(result);
    if (scenario === 'one-node' || scenario === 'two-nodes')
      earlier.set(`${want.kind}×${want.nodes}`, result);
  }
  const label = (key: string) => earlier.get(key)?.label ?? '';
  if (scenario === 'two-nodes') {
    for (const key of ['ours×1', 'baseline×1']) {
      const reference = earlier.get(key);
      if (reference && !results.includes(reference)) results.push(reference);
    }
  }
  const comparisons: Comparison[] = [];
  const has = (text: string) => results.some((result) => result.label === text);
  if (scenario === 'two-nodes') {
    comparisons.push({ subject: label('ours×2'), reference: label('ours×1') });
    if (has(label('baseline×1')))
      comparisons.push({ subject: label('ours×2'), reference: label('baseline×1') });
  } else if (results.length > 1) {
    comparisons.push({ subject: results[results.length - 1].label, reference: results[0].label });
  }
  return { scenario, startedAt, spec, results, comparisons };
}
