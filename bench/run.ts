import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { formatCommitFloor, measureCommitFloor } from './commit-floor';
import { parseOptions, USAGE, type BenchOptions } from './bench-options';
import { killTracked, ROOT } from './node-process';
import { formatProfile, summariseProfile } from './profile-summary';
import { formatTable, formatTimeline } from './report';
import { PROFILE_DIR, runScenario, type ScenarioResult } from './scenarios';
import { startInfrastructure } from './targets';

/**
 * `npm run bench [-- options]`: starts Postgres (DATABASE_URL or embedded), the Jira simulator
 * and the servers, drives them with real socket.io clients from one worker process per core,
 * prints a table per scenario and writes bench/results/<scenario>-<timestamp>.json.
 */
const log = (line: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function describe(options: BenchOptions, result: ScenarioResult): string {
  const { spec } = result;
  return (
    `== ${result.scenario} (${options.sizeLabel}): ${spec.rooms} rooms × ${spec.members} participants, ` +
    `${spec.durationSec} s of voting, a round every ${spec.periodSec} s, ${spec.workers} generator workers ==`
  );
}

/** Which code was measured: the commit, and how many files differed from it. */
function gitState(): { commit: string; changedFiles: number } | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    const changed = git('status', '--porcelain', '--', 'apps', 'libs').split('\n').filter(Boolean);
    return { commit: git('rev-parse', 'HEAD').trim(), changedFiles: changed.length };
  } catch {
    return undefined;
  }
}

/** Writes bench/results/<scenario>-<timestamp>.json with the machine and the commit measured. */
function writeRecord(scenario: string, startedAt: string, result: object): string {
  const stamp = startedAt.replace(/[:.]/g, '-');
  const file = join(ROOT, 'bench', 'results', `${scenario}-${stamp}.json`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGB: totalmem() / 2 ** 30,
    node: process.version,
  };
  writeFileSync(file, JSON.stringify({ ...result, machine, git: gitState() }, null, 2));
  return file;
}

function writeResult(options: BenchOptions, result: ScenarioResult, profiles: string[]): string {
  return writeRecord(result.scenario, result.startedAt, {
    ...result,
    size: options.sizeLabel,
    profiles,
  });
}

function newProfiles(before: Set<string>): string[] {
  try {
    return readdirSync(PROFILE_DIR)
      .filter((name) => name.endsWith('.cpuprofile') && !before.has(name))
      .map((name) => join(PROFILE_DIR, name));
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = parseOptions(argv, process.env);
  log(`scenarios: ${options.scenarios.join(', ')}; ${options.rooms} rooms × ${options.members}`);
  const infra = await startInfrastructure();
  // Interrupted: end what the bench started and remove Postgres' temporary folder.
  process.once('SIGINT', () => {
    killTracked();
    void infra.close().finally(() => process.exit(130));
  });
  try {
    for (const scenario of options.scenarios) {
      if (scenario === 'commit-floor') {
        const rows = await measureCommitFloor(infra.databaseUrl, log);
        console.log(`\n== commit-floor: our vote commit alone ==\n${formatCommitFloor(rows)}\n`);
        log(`wrote ${writeRecord('commit-floor', new Date().toISOString(), { rows })}`);
        continue;
      }
      const before = new Set(
        newProfiles(new Set()).map((file) => file.slice(PROFILE_DIR.length + 1)),
      );
      const result = await runScenario(scenario, options, infra, log);
      const profiles = newProfiles(before);
      console.log(
        `\n${describe(options, result)}\n${formatTable(result.results, result.comparisons)}\n`,
      );
      if (result.spec.durationSec >= 120) {
        for (const target of result.results) console.log(`${formatTimeline(target)}\n`);
      }
      for (const file of profiles) console.log(`${formatProfile(summariseProfile(file, 15))}\n`);
      log(`wrote ${writeResult(options, result, profiles)}`);
    }
  } finally {
    await infra.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
