import { cpuSecondsOf, machineBusySeconds } from './proc-usage';

/** CPU seconds used so far by each process of each group, and by the whole machine. */
export interface CpuMark {
  at: number;
  machine: number;
  perPid: Map<number, number>;
}

export function cpuMark(groups: Record<string, number[]>): CpuMark {
  const perPid = new Map<number, number>();
  for (const pid of Object.values(groups).flat()) {
    const seconds = cpuSecondsOf(pid);
    if (seconds !== undefined) perPid.set(pid, seconds);
  }
  return { at: Date.now(), machine: machineBusySeconds(), perPid };
}

/**
 * % of one core each group used since `mark`, plus `machine` (everything) and `other`: what
 * processes outside the bench took. The machine may be shared; a large `other` taints a run.
 * Counted per process: one that started since counts whole, one that ended since is left out
 * (Postgres backends come and go).
 */
export function cpuSince(mark: CpuMark, groups: Record<string, number[]>): Record<string, number> {
  const now = cpuMark(groups);
  const seconds = (now.at - mark.at) / 1000;
  const percent: Record<string, number> = {};
  let bench = 0;
  for (const [name, pids] of Object.entries(groups)) {
    let used = 0;
    for (const pid of pids) {
      const end = now.perPid.get(pid);
      if (end !== undefined) used += end - (mark.perPid.get(pid) ?? 0);
    }
    percent[name] = (used / seconds) * 100;
    bench += percent[name];
  }
  percent.machine = ((now.machine - mark.machine) / seconds) * 100;
  percent.other = Math.max(0, percent.machine - bench);
  return percent;
}
