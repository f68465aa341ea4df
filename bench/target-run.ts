import { cpuMark, cpuSince } from './cpu-accounting';
import { allErrors, mergePhase, type MergedPhase } from './phase-merge';
import { usageOf } from './proc-usage';
import { commitPaths, commitPathsSince } from './commit-paths';
import { ServerProbes } from './server-probes';
import {
  latencyByKind,
  reconnectSummary,
  slopePerMinute,
  votingSummary,
  type MemorySample,
  type RunSpec,
  type TargetResult,
} from './target-result';
import type { Target } from './targets';
import { WorkerPool } from './worker-pool';
import type { RoomPlan, WorkerCommand } from './worker-protocol';

const MB = 1024 * 1024;
/** Beyond this (% of a core) outside processes are named in the log: they skew the figures. */
const OTHER_CPU_WARNING = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rooms dealt to workers in turn; members alternate between the nodes so rooms span them. */
function planRooms(target: Target, spec: RunSpec): RoomPlan[][] {
  const perWorker: RoomPlan[][] = Array.from({ length: spec.workers }, () => []);
  for (let room = 0; room < spec.rooms; room += 1) {
    const members = Array.from({ length: spec.members }, (_, seat) => {
      const accountId = `bench-user-${room * spec.members + seat}`;
      return { accountId, token: target.token(room, accountId), node: seat % target.nodes };
    });
    perWorker[room % spec.workers].push({ name: `Bench room ${room}`, members });
  }
  return perWorker;
}

/** Rejects as soon as a server exits: its clients would otherwise reconnect forever. */
function crashWatch(target: Target): Promise<never> {
  const crashed = new Promise<never>((_, reject) => {
    for (const server of target.servers) {
      server.process.once('exit', (code, signal) => {
        const output = server.output.join('');
        reject(new Error(`${server.label} exited (${code ?? signal}) during the run:\n${output}`));
      });
    }
  });
  crashed.catch(() => undefined);
  return crashed;
}

/** Drives one target through the join storm, the voting phase and, optionally, the reconnect storm. */
export async function runTarget(
  target: Target,
  spec: RunSpec,
  log: (line: string) => void,
): Promise<TargetResult> {
  const serverPids = target.servers.map((server) => server.pid);
  const pool = new WorkerPool(spec.workers);
  const probes = new ServerProbes(target.servers);
  const groups = (): Record<string, number[]> => ({
    server: serverPids,
    ...target.helpers(),
    generator: pool.pids,
    orchestrator: [process.pid],
  });
  const rssMB = () => usageOf(serverPids).rssBytes / MB;
  const crashed = crashWatch(target);
  const guard = <T>(work: Promise<T>): Promise<T> => Promise.race([work, crashed]);
  const phase = async (command: WorkerCommand): Promise<MergedPhase> =>
    mergePhase(await guard(pool.command(() => command)));
  const warnAboutOthers = (name: string, cpu: Record<string, number>) => {
    if (cpu.other > OTHER_CPU_WARNING) {
      log(
        `${target.label}: warning: other processes used ${cpu.other.toFixed(0)} % of a core during ${name}`,
      );
    }
  };
  try {
    const plans = planRooms(target, spec);
    await guard(
      pool.command((index) => ({
        kind: 'plan',
        plan: {
          urls: target.urls,
          rooms: plans[index],
          periodMs: spec.periodSec * 1000,
          connectConcurrency: spec.connectConcurrency,
          ackTimeoutMs: spec.ackTimeoutSec * 1000,
        },
      })),
    );
    await sleep(1000);
    const idleMB = rssMB();
    const participants = spec.rooms * spec.members;

    log(`${target.label}: connecting ${participants} sockets`);
    const stormCpu = cpuMark(groups());
    const stormProbe = probes.mark();
    const connect = await phase({ kind: 'connect' });
    const sockets = connect.counts.connected ?? 0;
    const connectedMB = rssMB();
    log(`${target.label}: creating ${spec.rooms} rooms and joining them`);
    const join = await phase({ kind: 'join' });
    const joined = (join.counts.rooms ?? 0) + (join.counts.joined ?? 0);
    const joinStormCpuPercent = cpuSince(stormCpu, groups());
    const joinStormProbe = probes.since(stormProbe);
    warnAboutOthers('the join storm', joinStormCpuPercent);
    await sleep(1000);
    const joinedMB = rssMB();

    log(`${target.label}: voting for ${spec.durationSec} s`);
    const votingCpu = cpuMark(groups());
    const votingProbe = probes.mark();
    const commitsBefore = await commitPaths(target.urls);
    const votingStarted = Date.now();
    const elapsed = () => (Date.now() - votingStarted) / 1000;
    await guard(pool.command(() => ({ kind: 'rounds-start' })));
    await Promise.all(target.servers.map((server) => server.toggleProfile()));
    const sample = (): MemorySample => [elapsed(), rssMB(), probes.heapMB(), probes.liveHeapMB()];
    const timeline = [sample()];
    while (elapsed() < spec.durationSec) {
      await guard(sleep(Math.min(spec.sampleEverySec, spec.durationSec - elapsed()) * 1000));
      timeline.push(sample());
    }
    const votingSeconds = elapsed();
    const cpuPercent = cpuSince(votingCpu, groups());
    const votingProbeSummary = probes.since(votingProbe);
    const commits = commitPathsSince(commitsBefore, await commitPaths(target.urls));
    warnAboutOthers('voting', cpuPercent);
    const profiles = await Promise.all(target.servers.map((server) => server.toggleProfile()));
    profiles.filter(Boolean).forEach((file) => log(`${target.label}: CPU profile ${file}`));
    const voting = await phase({ kind: 'rounds-stop' });

    let recovery: MergedPhase | undefined;
    if (spec.drop) {
      const { fraction, timeoutSec } = spec.drop;
      log(`${target.label}: dropping ${Math.round(fraction * 100)} % of the clients at once`);
      recovery = await phase({ kind: 'drop', fraction, timeoutMs: timeoutSec * 1000 });
    }
    const endMB = rssMB();
    const votingFigures = votingSummary(voting, votingSeconds, spec);
    return {
      label: target.label,
      kind: target.kind,
      nodes: target.nodes,
      rooms: spec.rooms,
      participants,
      connect: {
        sockets,
        seconds: connect.seconds,
        perSecond: sockets / connect.seconds,
        latency: connect.histograms.get('connect')?.summary(),
      },
      join: {
        rooms: join.counts.rooms ?? 0,
        joined,
        seconds: join.seconds,
        perSecond: joined / join.seconds,
      },
      latency: latencyByKind([voting, join, recovery]),
      voting: votingFigures,
      cpuPercent,
      joinStormCpuPercent,
      serverProbe: { joinStorm: joinStormProbe, voting: votingProbeSummary },
      commitPaths: commits,
      serverCpuMsPerOperation: votingFigures.operations
        ? ((cpuPercent.server / 100) * votingSeconds * 1000) / votingFigures.operations
        : NaN,
      rss: {
        idleMB,
        connectedMB,
        joinedMB,
        endMB,
        perSocketKB: sockets ? ((connectedMB - idleMB) * 1024) / sockets : NaN,
        perParticipantKB: joined ? ((joinedMB - idleMB) * 1024) / joined : NaN,
        timeline,
        growthMBPerMinute: slopePerMinute(timeline, 1),
        heapGrowthMBPerMinute: slopePerMinute(timeline, 2),
        liveHeapGrowthMBPerMinute: slopePerMinute(
          timeline.filter(([, , , live]) => live > 0),
          3,
        ),
      },
      errors: allErrors([connect, join, voting, recovery]),
      generatorLoopDelayMs: {
        connect: connect.loopDelayMs,
        join: join.loopDelayMs,
        voting: voting.loopDelayMs,
      },
      serverLog: target.servers.flatMap((server) =>
        server.output.join('').split('\n').filter(Boolean).slice(-40),
      ),
      reconnect: recovery && reconnectSummary(recovery),
    };
  } finally {
    probes.stop();
    await pool.close();
  }
}
