/**
 * An HDR-style latency histogram: 64 linear sub-buckets per power of two of microseconds, so any
 * recorded value is off by at most ~1.6 %, in a fixed 1,664-slot array. Recording allocates
 * nothing, and histograms from several workers merge by adding their counts.
 */
const SUB_BITS = 6;
const SUB_BUCKETS = 1 << SUB_BITS;
const SLOTS = (32 - SUB_BITS) * SUB_BUCKETS;
const MAX_MICROS = 0x7fffffff;

/** A histogram as sent between processes: only the slots that hold something. */
export interface HistogramJson {
  slots: [number, number][];
  count: number;
  minMs: number;
  maxMs: number;
  sumMs: number;
}

/** Percentiles of one kind of latency, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function slotOf(micros: number): number {
  const value = micros <= 0 ? 0 : micros >= MAX_MICROS ? MAX_MICROS : Math.round(micros);
  const msb = 31 - Math.clz32(value);
  if (msb <= SUB_BITS) return value;
  const shift = msb - SUB_BITS;
  return shift * SUB_BUCKETS + (value >>> shift);
}

/** The middle of a slot's range of microseconds. */
function microsOf(slot: number): number {
  if (slot < 2 * SUB_BUCKETS) return slot;
  const shift = Math.floor(slot / SUB_BUCKETS) - 1;
  const sub = slot - shift * SUB_BUCKETS;
  return ((sub << shift) + ((sub + 1) << shift) - 1) / 2;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(SLOTS);
  count = 0;
  private minMs = Infinity;
  private maxMs = 0;
  private sumMs = 0;

  record(ms: number): void {
    this.counts[slotOf(ms * 1000)] += 1;
    this.count += 1;
    this.sumMs += ms;
    if (ms < this.minMs) this.minMs = ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  merge(json: HistogramJson): void {
    for (const [slot, count] of json.slots) this.counts[slot] += count;
    this.count += json.count;
    this.sumMs += json.sumMs;
    this.minMs = Math.min(this.minMs, json.minMs);
    this.maxMs = Math.max(this.maxMs, json.maxMs);
  }

  /** The latency below which `percent` % of the recorded values lie (the exact max at 100). */
  percentile(percent: number): number {
    if (this.count === 0) return NaN;
    if (percent >= 100) return this.maxMs;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.count));
    let seen = 0;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      seen += this.counts[slot];
      if (seen >= rank) return Math.min(this.maxMs, Math.max(this.minMs, microsOf(slot) / 1000));
    }
    return this.maxMs;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.count ? this.maxMs : NaN,
      mean: this.count ? this.sumMs / this.count : NaN,
    };
  }

  toJSON(): HistogramJson {
    const slots: [number, number][] = [];
    this.counts.forEach((count, slot) => {
      if (count > 0) slots.push([slot, count]);
    });
    const minMs = this.count ? this.minMs : 0;
    return { slots, count: this.count, minMs, maxMs: this.maxMs, sumMs: this.sumMs };
  }
}
