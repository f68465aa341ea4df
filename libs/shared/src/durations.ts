/**
 * Jira's time-tracking durations ("1w 2d 3h 30m"), as the time deck and Original Estimate use
 * them. The app counts in hours at Jira's default working time (an 8-hour day and a 5-day
 * week); Jira itself reads the written text with the site's own working time, so a card
 * labelled "1d" always means one working day there.
 */

/** Hours in one unit of Jira's duration format. Jira knows no other units (no years, months). */
export const DURATION_UNIT_HOURS = { w: 40, d: 8, h: 1, m: 1 / 60 } as const;
type DurationUnit = keyof typeof DURATION_UNIT_HOURS;

/** Longest estimate the app writes: 100 working weeks (Jira would take more; nobody means it). */
export const MAX_DURATION_HOURS = 100 * DURATION_UNIT_HOURS.w;

const PART = /^(\d+(?:\.\d+)?)([a-z]+)$/;

export type DurationParse = { ok: true; hours: number } | { ok: false; message: string };

/**
 * Reads a duration as a person types it ("1d 4h", "90m", "1.5h"). Refuses, with a message fit to
 * show beside the field, what Jira would refuse: unknown units ("1y"), zero, or garbage.
 */
export function parseJiraDuration(text: string): DurationParse {
  const parts = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Enter a duration such as 2h or 1d 4h.' };
  let hours = 0;
  for (const part of parts) {
    const match = PART.exec(part);
    if (!match) return { ok: false, message: `"${part}" is not a duration such as 2h or 1d 4h.` };
    const unit = match[2];
    if (!isUnit(unit)) {
      return { ok: false, message: `Jira does not know the unit "${unit}": use w, d, h or m.` };
    }
    hours += Number(match[1]) * DURATION_UNIT_HOURS[unit];
  }
  const problem = durationProblem(hours);
  return problem ? { ok: false, message: problem } : { ok: true, hours };
}

/** Why Jira would refuse this many hours as an Original Estimate, or null when it is fine. */
export function durationProblem(hours: number): string | null {
  if (!Number.isFinite(hours) || Math.round(hours * 60) < 1) {
    return 'An estimate of time must be at least 1 minute.';
  }
  if (hours > MAX_DURATION_HOURS) return 'An estimate of time can be at most 100 weeks.';
  return null;
}

/** Hours as Jira's duration text, largest units first: 12 → "1d 4h", 1.5 → "1h 30m". */
export function formatJiraDuration(hours: number): string {
  let minutes = Math.round(hours * 60);
  const parts: string[] = [];
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = Math.round(DURATION_UNIT_HOURS[unit] * 60);
    const count = Math.floor(minutes / size);
    if (count > 0) parts.push(`${count}${unit}`);
    minutes -= count * size;
  }
  return parts.length > 0 ? parts.join(' ') : '0m';
}

function isUnit(unit: string): unit is DurationUnit {
  return Object.hasOwn(DURATION_UNIT_HOURS, unit);
}
