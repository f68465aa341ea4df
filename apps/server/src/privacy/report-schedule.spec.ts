import {
  accountSlot,
  DAY_MS,
  HOUR_MS,
  inBatches,
  parseCyclePeriod,
  scheduleAligned,
  slotAt,
  slotsDue,
  slotsPerCycle,
} from './report-schedule';

describe('personal data report schedule', () => {
  it('spreads a 7-day cycle over the daily runs, and reports everything when runs are a cycle apart', () => {
    expect(slotsPerCycle(24 * HOUR_MS, 7 * DAY_MS)).toBe(7);
    expect(slotsPerCycle(168 * HOUR_MS, 7 * DAY_MS)).toBe(1);
    expect(slotsPerCycle(30 * DAY_MS, 7 * DAY_MS)).toBe(1);
  });

  it('reports every account exactly once over the runs of one cycle', () => {
    const slots = slotsPerCycle(24 * HOUR_MS, 7 * DAY_MS);
    const accounts = Array.from(
      { length: 500 },
      (_, i) => `5f3a9c1e2b7d4a00${String(i).padStart(8, '0')}`,
    );
    const start = Date.UTC(2026, 0, 5);
    const reported = new Map<string, number>();
    for (let day = 0; day < 7; day += 1) {
      const slot = slotAt(start + day * DAY_MS + 5 * 60_000, 24 * HOUR_MS, slots);
      for (const account of accounts.filter((a) => accountSlot(a, slots) === slot)) {
        reported.set(account, (reported.get(account) ?? 0) + 1);
      }
    }
    expect(reported.size).toBe(accounts.length);
    expect([...reported.values()].every((times) => times === 1)).toBe(true);
  });

  it('keeps an account in the same slot on every node and every run', () => {
    expect(accountSlot('557058:0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b', 7)).toBe(
      accountSlot('557058:0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b', 7),
    );
    expect(accountSlot('anything', 1)).toBe(0);
  });

  it('cuts lists into batches of at most the given size, in order', () => {
    const batches = inBatches(
      Array.from({ length: 181 }, (_, i) => i),
      90,
    );
    expect(batches.map((b) => b.length)).toEqual([90, 90, 1]);
    expect(batches.flat()).toEqual(Array.from({ length: 181 }, (_, i) => i));
    expect(inBatches([], 90)).toEqual([]);
  });

  it('ticks at the next multiple of the interval, then every interval', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 5, 10, 30) });
    try {
      const ticks: number[] = [];
      const stop = scheduleAligned(HOUR_MS, (slotStart) => ticks.push(slotStart));
      jest.advanceTimersByTime(29 * 60_000);
      expect(ticks).toEqual([]);
      jest.advanceTimersByTime(2 * HOUR_MS);
      expect(ticks).toEqual([Date.UTC(2026, 0, 5, 11), Date.UTC(2026, 0, 5, 12)]);
      stop();
      jest.advanceTimersByTime(5 * HOUR_MS);
      expect(ticks).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('waits out intervals longer than a timer can hold', () => {
    const every = 30 * DAY_MS;
    const boundary = Math.ceil(Date.UTC(2026, 0, 1) / every) * every;
    jest.useFakeTimers({ now: boundary + HOUR_MS });
    try {
      const ticks: number[] = [];
      const stop = scheduleAligned(every, (slotStart) => ticks.push(slotStart));
      jest.advanceTimersByTime(29 * DAY_MS);
      expect(ticks).toEqual([]);
      jest.advanceTimersByTime(DAY_MS);
      expect(ticks).toEqual([boundary + every]);
      stop();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('catching up missed runs', () => {
  const day = (n: number) => Date.UTC(2026, 0, 5) + n * DAY_MS;
  const slotOf = (ms: number) => slotAt(ms, DAY_MS, 7);

  it("owes only its own slot when the previous run covered yesterday's", () => {
    expect(slotsDue(day(1), day(2) + HOUR_MS, DAY_MS, 7)).toEqual(new Set([slotOf(day(2))]));
  });

  it('owes the slot of a missed day on the next run', () => {
    expect(slotsDue(day(0), day(2) + HOUR_MS, DAY_MS, 7)).toEqual(
      new Set([slotOf(day(1)), slotOf(day(2))]),
    );
  });

  it('owes at most one whole cycle, however long nothing ran', () => {
    expect(slotsDue(day(0), day(30), DAY_MS, 7)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  it('owes its own slot on a node that knows of no earlier run, or runs again in the same slot', () => {
    expect(slotsDue(undefined, day(3), DAY_MS, 7)).toEqual(new Set([slotOf(day(3))]));
    expect(slotsDue(day(3), day(3) + HOUR_MS, DAY_MS, 7)).toEqual(new Set([slotOf(day(3))]));
  });
});

describe('the Cycle-Period header', () => {
  it('reads the ISO 8601 durations Jira sends', () => {
    expect(parseCyclePeriod('P7D')).toBe(7 * DAY_MS);
    expect(parseCyclePeriod('P14D')).toBe(14 * DAY_MS);
    expect(parseCyclePeriod('P1W')).toBe(7 * DAY_MS);
    expect(parseCyclePeriod('PT36H')).toBe(36 * HOUR_MS);
    expect(parseCyclePeriod(' p1dt12h ')).toBe(36 * HOUR_MS);
  });

  it('ignores what is absent, malformed, calendar-dependent or out of bounds', () => {
    for (const header of [
      null,
      undefined,
      '',
      'P',
      'PT',
      'P1DT',
      '7',
      'P1M',
      'P1Y',
      'P-1D',
      'PT1M',
      'P400D',
    ]) {
      expect({ header, ms: parseCyclePeriod(header) }).toEqual({ header, ms: undefined });
    }
  });
});
