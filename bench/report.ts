import {
  ROOM_CHANGE_PHASE_BUCKETS,
  ROOM_CHANGE_PHASES,
} from '../apps/server/src/metrics/change-phases';
import { describeCommitPaths, describeServerTimes } from './commit-paths';
import type { LatencySummary } from './latency-histogram';
import type { PhaseQuantiles } from './server-probes';
import type { TargetResult } from './target-result';
import type { OpKind } from './worker-protocol';

/** A result compared with another of the same run: `subject` figures divided by `reference`'s. */
export interface Comparison {
  subject: string;
  reference: string;
}

const KINDS: OpKind[] = [
  'room:join',
  'vote:cast',
  'vote:reveal',
  'vote:reset',
  'room:create',
  'room:rejoin',
];
const QUANTILES = ['p50', 'p95', 'p99', 'max'] as const;

function num(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toFixed(digits);
}

function quantiles(summary: LatencySummary | undefined): string {
  return summary ? QUANTILES.map((q) => num(summary[q])).join(' / ') : '–';
}

/** A room-change phase's "p50 / p99" in ms, to the µs; ">1000" beyond the last bound. */
function phaseQuantiles(phase: PhaseQuantiles | undefined): string {
  const ms = (value: number) =>
    value === Infinity ? `>${ROOM_CHANGE_PHASE_BUCKETS.at(-1)! * 1000}` : num(value, 3);
  return phase ? `${ms(phase.p50)} / ${ms(phase.p99)}` : '–';
}

function ratio(subject: number | undefined, reference: number | undefined): string {
  if (!subject || !reference || !Number.isFinite(subject) || !Number.isFinite(reference))
    return '–';
  return (subject / reference).toFixed(2);
}

function quantileRatios(subject?: LatencySummary, reference?: LatencySummary): string {
  if (!subject || !reference) return '–';
  return QUANTILES.map((q) => ratio(subject[q], reference[q])).join(' / ');
}

interface Row {
  metric: string;
  value: (result: TargetResult) => string;
  ratio?: (subject: TargetResult, reference: TargetResult) => string;
}

function rows(): Row[] {
  const latencyRows: Row[] = KINDS.map((kind) => ({
    metric: `${kind} ms p50/p95/p99/max`,
    value: (r) => quantiles(r.latency[kind]),
    ratio: (s, ref) => quantileRatios(s.latency[kind], ref.latency[kind]),
  }));
  const plain = (
    metric: string,
    pick: (r: TargetResult) => number | undefined,
    digits = 1,
  ): Row => ({
    metric,
    value: (r) => num(pick(r), digits),
    ratio: (s, ref) => ratio(pick(s), pick(ref)),
  });
  return [
    ...latencyRows,
    plain('operations offered /s (voting)', (r) => r.voting.offeredPerSecond),
    plain('operations completed /s (voting)', (r) => r.voting.perSecond),
    plain('room:state or patch received /s (voting)', (r) => r.voting.statesPerSecond),
    plain('room:state or patch mean size KB', (r) => r.voting.stateKB, 2),
    plain('connections /s (join storm)', (r) => r.connect.perSecond),
    plain('joins /s (create + join)', (r) => r.join.perSecond),
    plain('server CPU % of a core (join storm)', (r) => r.joinStormCpuPercent.server),
    plain('generator CPU % (join storm)', (r) => r.joinStormCpuPercent.generator),
    plain('other processes CPU % (join storm)', (r) => r.joinStormCpuPercent.other),
    plain('server CPU % of a core (voting)', (r) => r.cpuPercent.server),
    plain('server CPU ms per operation', (r) => r.serverCpuMsPerOperation, 2),
    plain('postgres CPU % (voting)', (r) => r.cpuPercent.postgres),
    plain('redis CPU % (voting)', (r) => r.cpuPercent.redis),
    plain('generator CPU % (voting)', (r) => r.cpuPercent.generator),
    plain('other processes CPU % (voting)', (r) => r.cpuPercent.other),
    plain('server loop delay p99 ms (voting)', (r) => r.serverProbe.voting?.loopP99Ms),
    plain('server loop delay max ms (voting)', (r) => r.serverProbe.voting?.loopMaxMs),
    plain('server GC % of time (voting)', (r) => r.serverProbe.voting?.gcPercent),
    plain('server GC longest pause ms (voting)', (r) => r.serverProbe.voting?.gcMaxMs),
    // Our servers' /metrics: where a room change's time goes (the baseline has none).
    plain('room changes timed (voting)', (r) => r.serverProbe.voting?.phases?.queue?.count, 0),
    ...ROOM_CHANGE_PHASES.map((phase): Row => ({
      metric: `phase ${phase} ms p50/p99 (voting)`,
      value: (r) => phaseQuantiles(r.serverProbe.voting?.phases?.[phase]),
    })),
    plain('pg pool waiting max (voting)', (r) => r.serverProbe.voting?.pgPoolWaitingMax, 0),
    plain('generator loop delay max ms (voting)', (r) => r.generatorLoopDelayMs.voting.max),
    plain('server RSS idle MB', (r) => r.rss.idleMB),
    plain('server RSS joined MB', (r) => r.rss.joinedMB),
    plain('server RSS end MB', (r) => r.rss.endMB),
    plain('RSS per connected socket KB', (r) => r.rss.perSocketKB),
    plain('RSS per participant KB', (r) => r.rss.perParticipantKB),
    plain('RSS growth MB/min (2nd half)', (r) => r.rss.growthMBPerMinute, 2),
    plain('JS heap growth MB/min (2nd half)', (r) => r.rss.heapGrowthMBPerMinute, 2),
    plain('live heap growth MB/min (2nd half)', (r) => r.rss.liveHeapGrowthMBPerMinute, 2),
    plain('reconnect: all rooms consistent s', (r) => r.reconnect?.seconds, 2),
    {
      metric: 'reconnect: per room ms p50/p95/p99/max',
      value: (r) => quantiles(r.reconnect?.perRoom),
      ratio: (s, ref) => quantileRatios(s.reconnect?.perRoom, ref.reconnect?.perRoom),
    },
    {
      metric: 'reconnect: dropped / rooms ok / touched',
      value: (r) =>
        r.reconnect
          ? `${r.reconnect.dropped} / ${r.reconnect.roomsRecovered} / ${r.reconnect.roomsTouched}`
          : '–',
    },
    {
      metric: 'reconnect: sessions recovered / new',
      value: (r) =>
        r.reconnect ? `${r.reconnect.sessionsRecovered} / ${r.reconnect.sessionsNew}` : '–',
    },
    {
      metric: 'errors (all phases)',
      value: (r) => String(Object.values(r.errors).reduce((sum, n) => sum + n, 0)),
    },
  ];
}

/** The scenario's table: one column per result, then one per comparison (ratios). */
export function formatTable(results: TargetResult[], comparisons: Comparison[]): string {
  const byLabel = new Map(results.map((result) => [result.label, result]));
  const header = [
    'metric',
    ...results.map((r) => r.label),
    ...comparisons.map((c) => `${c.subject} ÷ ${c.reference}`),
  ];
  const table = rows()
    .map((row) => [
      row.metric,
      ...results.map((result) => row.value(result)),
      ...comparisons.map((c) => {
        const subject = byLabel.get(c.subject);
        const reference = byLabel.get(c.reference);
        return subject && reference && row.ratio ? row.ratio(subject, reference) : '';
      }),
    ])
    .filter((cells) => cells.slice(1).some((cell) => cell !== '–' && cell !== ''));
  const widths = header.map((_, column) =>
    Math.max(...[header, ...table].map((cells) => cells[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');
  const errorLines = results.flatMap((result) =>
    Object.entries(result.errors).map(([cause, n]) => `  ${result.label}: ${n} × ${cause}`),
  );
  const commitLines = results
    .filter((result) => describeCommitPaths(result.commitPaths) !== '–')
    .map((result) => `  ${result.label}: ${describeCommitPaths(result.commitPaths)}`);
  const timeLines = results
    .filter((result) => describeServerTimes(result.commitPaths) !== '–')
    .map((result) => `  ${result.label}: ${describeServerTimes(result.commitPaths)}`);
  return [
    line(header),
    ...table.map(line),
    ...(errorLines.length ? ['errors:', ...errorLines] : []),
    ...(commitLines.length ? ['room commits during voting, by path:', ...commitLines] : []),
    ...(timeLines.length ? ['mean time from receipt to ack inside the server:', ...timeLines] : []),
  ].join('\n');
}

/** Per 30-s window of voting: latency and the server's memory at the window's end (for a soak). */
export function formatTimeline(result: TargetResult): string {
  const sampleAt = (seconds: number) =>
    result.rss.timeline.reduce((best, point) =>
      Math.abs(point[0] - seconds) < Math.abs(best[0] - seconds) ? point : best,
    );
  const header = '  from s   ops   p50 ms   p99 ms   max ms   RSS MB   heap MB   live MB';
  const lines = result.voting.windows.map((window, index, all) => {
    const end = index + 1 < all.length ? all[index + 1].fromSec : result.voting.seconds;
    const [, rss, heap, live] = sampleAt(end);
    return [window.fromSec, window.count, window.p50, window.p99, window.max, rss, heap, live]
      .map((value, column) => (column < 2 ? String(Math.round(value)) : num(value)))
      .map((cell, column) => cell.padStart(column === 0 ? 8 : column === 1 ? 6 : 9))
      .join('');
  });
  return [`${result.label} over time:`, header, ...lines].join('\n');
}
