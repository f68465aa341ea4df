import { LatencyHistogram, type LatencySummary } from './latency-histogram';
import { machineBusySeconds, usageOf } from './proc-usage';
import { ServerProbes, type ProbeSummary } from './server-probes';
import type { Target } from './targets';
import { WorkerPool } from './worker-pool';
import { OP_KINDS, type OpKind, type PhaseReport, type RoomPlan } from './worker-protocol';

export interface RunSpec {
  rooms: number;
  members: number;
  durationSec: number;
  periodSec: number;
  workers: number;
  connectConcurrency: number;
  ackTimeoutSec: number;
  /** The reconnect storm, after the voting phase. */
  drop?: { fraction: number; timeoutSec: number };
  rssEverySec: number;
}

export interface TargetResult {
  label: string;
  kind: 'ours' | 'baseline';
  nodes: number;
  rooms: number;
  participants: number;
  connect: {
    sockets: number;
    seconds: number;
    perSecond: number;
    latency: LatencySummary | undefined;
  };
  join: { rooms: number; joined: number; seconds: number; perSecond: number };
  latency: Partial<Record<OpKind, LatencySummary>>;
  voting: { seconds: number; operations: number; perSecond: number };
  /** Average CPU during the voting phase, in % of one core, per group of processes. */
  cpuPercent: Record<string, number>;
  /** The same during the join storm (connect, then create and join). */
  joinStormCpuPercent: Record<string, number>;
  /** The servers' event-loop delay and GC (bench/server-probe.ts) per phase. */
  serverProbe: { joinStorm: ProbeSummary | undefined; voting: ProbeSummary | undefined };
  serverCpuMsPerOperation: number;
  rss: {
    idleMB: number;
    connectedMB: number;
    joinedMB: number;
    endMB: number;
    perSocketKB: number;
    perParticipantKB: number;
    /** [seconds since voting began, server RSS MB]. */
    timeline: [number, number][];
    /** Least-squares slope over the second half of the timeline. */
    growthMBPerMinute: number;
  };
  errors: Record<string, number>;
  /** Worst event-loop delay of a generator worker per phase (ms): high means the bench limits. */
  generatorLoopDelayMs: Record<'connect' | 'join' | 'voting', { p99: number; max: number }>;
  /** The server processes' last lines of output (warnings and errors, LOG_LEVEL=warn). */
  serverLog: string[];
  reconnect?: {
    dropped: number;
    roomsTouched: number;
    roomsRecovered: number;
    sessionsRecovered: number;
    sessionsNew: number;
    /** Until the last touched room was consistent again. */
    seconds: number;
    perRoom: LatencySummary | undefined;
  };
}

interface Merged {
  seconds: number;
  /** Worst event-loop delay of any worker. */
  loopDelayMs: { p99: number; max: number };
  histograms: Map<string, LatencyHistogram>;
  errors: Record<string, number>;
  counts: Record<string, number>;
}

function merge(reports: PhaseReport[]): Merged {
  const histograms = new Map<string, LatencyHistogram>();
  const errors: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const report of reports) {
    for (const [kind, json] of Object.entries(report.latency)) {
      if (!json) continue;
      const histogram = histograms.get(kind) ?? new LatencyHistogram();
      histogram.merge(json);
      histograms.set(kind, histogram);
    }
    for (const [cause, n] of Object.entries(report.errors))
      errors[cause] = (errors[cause] ?? 0) + n;
    for (const [name, n] of Object.entries(report.counts)) counts[name] = (counts[name] ?? 0) + n;
  }
  const startedAt = Math.min(...reports.map((report) => report.startedAt));
  const endedAt = Math.max(...reports.map((report) => report.endedAt));
  const loopDelayMs = {
    p99: Math.max(...reports.map((report) => report.loopDelayMs.p99)),
    max: Math.max(...reports.map((report) => report.loopDelayMs.max)),
  };
  return { seconds: (endedAt - startedAt) / 1000, loopDelayMs, histograms, errors, counts };
}

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slopePerMinute(points: [number, number][]): number {
  const tail = points.slice(Math.floor(points.length / 2));
  if (tail.length < 3) return NaN;
  const meanX = tail.reduce((sum, [x]) => sum + x, 0) / tail.length;
  const meanY = tail.reduce((sum, [, y]) => sum + y, 0) / tail.length;
  const covariance = tail.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = tail.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return variance ? (covariance / variance) * 60 : NaN;
}

type CpuMark = { at: number; used: Record<string, number> };

function cpuMark(groups: Record<string, number[]>): CpuMark {
  const used = Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, usageOf(pids).cpuSeconds]),
  );
  return { at: Date.now(), used: { ...used, machine: machineBusySeconds() } };
}

/**
 * % of one core each group used since `mark`, plus `machine` (everything) and `other`: what
 * processes outside the bench took. The machine may be shared; a large `other` taints a run.
 */
function cpuSince(mark: CpuMark, groups: Record<string, number[]>): Record<string, number> {
  const seconds = (Date.now() - mark.at) / 1000;
  const now = cpuMark(groups);
  const percent: Record<string, number> = Object.fromEntries(
    Object.entries(now.used).map(([name, used]) => [
      name,
      ((used - (mark.used[name] ?? 0)) / seconds) * 100,
    ]),
  );
  const ours = Object.entries(percent).reduce(
    (sum, [name, value]) => (name === 'machine' ? sum : sum + value),
    0,
  );
  percent.other = Math.max(0, percent.machine - ours);
  return percent;
}

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

/** Drives one target through the join storm, the voting phase and (optionally) the reconnect storm. */
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
  // A server that dies mid-run would leave the clients reconnecting forever: stop the run.
  const crashed = new Promise<never>((_, reject) => {
    for (const server of target.servers) {
      server.process.once('exit', (code, signal) =>
        reject(
          new Error(
            `${server.label} exited (${code ?? signal}) during the run:\n${server.output.join('')}`,
          ),
        ),
      );
    }
  });
  crashed.catch(() => undefined);
  const guard = <T>(work: Promise<T>): Promise<T> => Promise.race([work, crashed]);
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
    const stormStarted = cpuMark(groups());
    const stormProbe = probes.mark();
    const connect = merge(await guard(pool.command(() => ({ kind: 'connect' }))));
    const sockets = connect.counts.connected ?? 0;
    const connectedMB = rssMB();

    log(`${target.label}: creating ${spec.rooms} rooms and joining them`);
    const join = merge(await guard(pool.command(() => ({ kind: 'join' }))));
    const joined = (join.counts.rooms ?? 0) + (join.counts.joined ?? 0);
    const joinStormCpuPercent = cpuSince(stormStarted, groups());
    const joinStormProbe = probes.since(stormProbe);
    await sleep(1000);
    const joinedMB = rssMB();

    log(`${target.label}: voting for ${spec.durationSec} s`);
    const votingCpu = cpuMark(groups());
    const votingProbe = probes.mark();
    const votingStarted = Date.now();
    await guard(pool.command(() => ({ kind: 'rounds-start' })));
    await Promise.all(target.servers.map((server) => server.toggleProfile()));
    const timeline: [number, number][] = [[0, rssMB()]];
    while (Date.now() - votingStarted < spec.durationSec * 1000) {
      await guard(
        sleep(
          Math.min(spec.rssEverySec * 1000, spec.durationSec * 1000 - (Date.now() - votingStarted)),
        ),
      );
      timeline.push([(Date.now() - votingStarted) / 1000, rssMB()]);
    }
    const votingSeconds = (Date.now() - votingStarted) / 1000;
    const cpuPercent = cpuSince(votingCpu, groups());
    const votingProbeSummary = probes.since(votingProbe);
    const profiles = await Promise.all(target.servers.map((server) => server.toggleProfile()));
    profiles.filter(Boolean).forEach((file) => log(`${target.label}: CPU profile ${file}`));
    const voting = merge(await guard(pool.command(() => ({ kind: 'rounds-stop' }))));

    let reconnect: TargetResult['reconnect'];
    let recovery: Merged | undefined;
    if (spec.drop) {
      const { fraction, timeoutSec } = spec.drop;
      log(`${target.label}: dropping ${Math.round(fraction * 100)} % of the clients at once`);
      recovery = merge(
        await guard(pool.command(() => ({ kind: 'drop', fraction, timeoutMs: timeoutSec * 1000 }))),
      );
      const perRoom = recovery.histograms.get('recovery');
      reconnect = {
        dropped: recovery.counts.dropped ?? 0,
        roomsTouched: recovery.counts['rooms touched'] ?? 0,
        roomsRecovered: recovery.counts['rooms recovered'] ?? 0,
        sessionsRecovered: recovery.counts['sessions recovered'] ?? 0,
        sessionsNew: recovery.counts['sessions new'] ?? 0,
        seconds: perRoom?.count ? perRoom.percentile(100) / 1000 : NaN,
        perRoom: perRoom?.summary(),
      };
    }
    const endMB = rssMB();

    const latency: TargetResult['latency'] = {};
    for (const kind of OP_KINDS) {
      const histogram =
        voting.histograms.get(kind) ?? join.histograms.get(kind) ?? recovery?.histograms.get(kind);
      if (histogram?.count) latency[kind] = histogram.summary();
    }
    const operations = ['vote:cast', 'vote:reveal', 'vote:reset'].reduce(
      (sum, kind) => sum + (voting.histograms.get(kind)?.count ?? 0),
      0,
    );
    const errors: Record<string, number> = {};
    for (const phase of [connect, join, voting, recovery]) {
      for (const [cause, n] of Object.entries(phase?.errors ?? {}))
        errors[cause] = (errors[cause] ?? 0) + n;
    }
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
      latency,
      voting: { seconds: votingSeconds, operations, perSecond: operations / votingSeconds },
      cpuPercent,
      joinStormCpuPercent,
      serverProbe: { joinStorm: joinStormProbe, voting: votingProbeSummary },
      serverCpuMsPerOperation: operations
        ? ((cpuPercent.server / 100) * votingSeconds * 1000) / operations
        : NaN,
      rss: {
        idleMB,
        connectedMB,
        joinedMB,
        endMB,
        perSocketKB: sockets ? ((connectedMB - idleMB) * 1024) / sockets : NaN,
        perParticipantKB: joined ? ((joinedMB - idleMB) * 1024) / joined : NaN,
        timeline,
        growthMBPerMinute: slopePerMinute(timeline),
      },
      errors,
      generatorLoopDelayMs: {
        connect: connect.loopDelayMs,
        join: join.loopDelayMs,
        voting: voting.loopDelayMs,
      },
      serverLog: target.servers.flatMap((server) =>
        server.output.join('').split('\n').filter(Boolean).slice(-40),
      ),
      reconnect,
    };
  } finally {
    probes.stop();
    await pool.close();
  }
}
