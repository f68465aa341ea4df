import { machineBusySeconds, usageOf } from './proc-usage';

/** CPU seconds used so far by each group of processes, and by the whole machine. */
export interface CpuMark {
  at: number;
  used: Record<string, number>;
}

export function cpuMark(groups: Record<string, number[]>): CpuMark {
  const used = Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, usageOf(pids).cpuSeconds]),
  );
  return { at: Date.now(), used: { ...used, machine: machineBusySeconds() } };
}

/**
 * % of one core each group used since `mark`, plus `machine` (everything) and `other`: what
 * processes outside the bench took. The machine may be shared; a large `other` taints a run.
 * (The pids are read again: the same groups, but workers may have come and gone.)
 */
export function cpuSince(mark: CpuMark, groups: Record<string, number[]>): Record<string, number> {
  const seconds = (Date.now() - mark.at) / 1000;
  const now = cpuMark(groups);
  const percent: Record<string, number> = {};
  for (const [name, used] of Object.entries(now.used)) {
    percent[name] = ((used - (mark.used[name] ?? 0)) / seconds) * 100;
  }
  const bench = Object.entries(percent)
    .filter(([name]) => name !== 'machine')
    .reduce((sum, [, value]) => sum + value, 0);
  percent.other = Math.max(0, percent.machine - bench);
  return percent;
}
