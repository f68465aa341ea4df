import { createHash } from 'node:crypto';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Atlassian asks for each stored account once per reporting cycle (`Cycle-Period`, 7 days by
 * default), neither more often nor less. The job runs every interval, so the accounts are
 * spread over the runs of a cycle: each run is one slot and reports the accounts hashed to it.
 */
export function slotsPerCycle(intervalMs: number, cycleMs: number): number {
  return Math.max(1, Math.round(cycleMs / intervalMs));
}

/** The slot of the cycle a run at `nowMs` serves; every node computes the same one. */
export function slotAt(nowMs: number, intervalMs: number, slots: number): number {
  return Math.floor(nowMs / intervalMs) % slots;
}

/** The slot an account is reported in: stable for the account, even across restarts. */
export function accountSlot(accountId: string, slots: number): number {
  return createHash('sha256').update(accountId).digest().readUInt32BE(0) % slots;
}

/**
 * The slots a run at `nowMs` owes: its own, and those of the runs missed since the slot that
 * was last covered (`coveredThroughMs`, the start of its interval), at most one whole cycle.
 * Unknown (a node just started) means only its own slot.
 */
export function slotsDue(
  coveredThroughMs: number | undefined,
  nowMs: number,
  intervalMs: number,
  slots: number,
): Set<number> {
  const current = Math.floor(nowMs / intervalMs);
  const covered =
    coveredThroughMs === undefined ? current - 1 : Math.floor(coveredThroughMs / intervalMs);
  const first = Math.max(covered + 1, current - slots + 1);
  const due = new Set<number>([current % slots]);
  for (let index = first; index <= current; index += 1) due.add(index % slots);
  return due;
}

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Bounds of a cycle we accept from Jira; anything outside keeps the cycle we had. */
const MIN_CYCLE_MS = HOUR_MS;
const MAX_CYCLE_MS = 366 * DAY_MS;

/**
 * Milliseconds of an ISO 8601 duration as Jira's `Cycle-Period` header sends it (`P7D`,
 * `P1W`, `PT168H`), or undefined when absent, malformed, or outside an hour to a year. Years
 * and months are refused: their length depends on the calendar.
 */
export function parseCyclePeriod(header: string | null | undefined): number | undefined {
  const text = header?.trim().toUpperCase() ?? '';
  const match = ISO_DURATION.exec(text);
  if (!match || text.endsWith('T') || !match.slice(1).some(Boolean)) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const ms =
    weeks * 7 * DAY_MS + days * DAY_MS + hours * HOUR_MS + minutes * 60_000 + seconds * 1000;
  return ms >= MIN_CYCLE_MS && ms <= MAX_CYCLE_MS ? ms : undefined;
}

/** `items` in consecutive groups of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    batches.push(items.slice(start, start + size));
  return batches;
}

/** Node's timers overflow past ~24.8 days; longer waits are taken in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Calls `run` at every multiple of `everyMs` since the epoch (00:00 UTC for a daily job), so
 * every node ticks at the same moments and a restart does not push the next run back.
 * Returns the function that stops it.
 */
export function scheduleAligned(everyMs: number, run: (slotStart: number) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = (slotStart: number) => {
    const wait = Math.min(Math.max(slotStart - Date.now(), 0), MAX_TIMEOUT_MS);
    timer = setTimeout(() => {
      if (Date.now() < slotStart) return arm(slotStart);
      run(slotStart);
      arm(slotStart + everyMs);
    }, wait);
    timer.unref();
  };
  arm((Math.floor(Date.now() / everyMs) + 1) * everyMs);
  return () => clearTimeout(timer);
}
