import type { TimeTrackingSettings } from './sim-records';

/**
 * Jira's duration text ("1w 2d 3h 30m") read and written with the site's working time, as
 * Jira does for Original Estimate: a day is `workingHoursPerDay` hours, a week
 * `workingDaysPerWeek` days. Only w, d, h and m exist (no years, months or seconds); a bare
 * number counts in the site's default unit. Whether Jira takes fractions ("1.5h") and a zero
 * ("0m") is unconfirmed (U); the simulator takes both, and refuses negatives and other units.
 */

function unitSeconds(settings: TimeTrackingSettings) {
  const hour = 3600;
  const day = settings.workingHoursPerDay * hour;
  return { w: settings.workingDaysPerWeek * day, d: day, h: hour, m: 60 } as const;
}

const DEFAULT_UNIT = { minute: 'm', hour: 'h', day: 'd', week: 'w' } as const;

const PART = /^(\d+(?:\.\d+)?)\s*([a-z]+)/;

/** Seconds of a duration text, or undefined when Jira would refuse it. */
export function parseDuration(text: string, settings: TimeTrackingSettings): number | undefined {
  const units = unitSeconds(settings);
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * units[DEFAULT_UNIT[settings.defaultUnit]]);
  }
  let seconds = 0;
  let parts = 0;
  let rest = trimmed;
  while (rest.length > 0) {
    const match = PART.exec(rest);
    if (!match) return undefined;
    const unit = match[2];
    if (!Object.hasOwn(units, unit)) return undefined;
    seconds += Number(match[1]) * units[unit as keyof typeof units];
    parts += 1;
    rest = rest.slice(match[0].length).trimStart();
  }
  return parts > 0 ? Math.round(seconds) : undefined;
}

/** Seconds as Jira's "pretty" text, largest units first: 43200 → "1d 4h"; 0 → "0m". */
export function formatDuration(seconds: number, settings: TimeTrackingSettings): string {
  const units = unitSeconds(settings);
  let left = Math.round(seconds / 60) * 60;
  const parts: string[] = [];
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const count = Math.floor(left / units[unit]);
    if (count > 0) parts.push(`${count}${unit}`);
    left -= count * units[unit];
  }
  return parts.length > 0 ? parts.join(' ') : '0m';
}

/** What an edit of `timetracking` stores (seconds), or the errors Jira answers with. */
export type TimetrackingEdit =
  | { ok: true; original?: number; remaining?: number }
  | { ok: false; errors: Record<string, string> };

/**
 * Reads `fields.timetracking` of an edit: `{ originalEstimate?, remainingEstimate? }` as
 * duration text. The error keys and messages are Jira's (`timetracking_originalestimate`: "The
 * original estimate specified is not valid."), as Jira's own tests and client code show them.
 * Setting only the original estimate also sets the remaining one while no work is logged
 * (always, here), as Jira does (U: the exact rule when work is logged is not modelled).
 */
export function timetrackingEdit(value: unknown, settings: TimeTrackingSettings): TimetrackingEdit {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // U: the message for a value that is not an object at all.
    return { ok: false, errors: { timetracking: 'Operation value must be an object' } };
  }
  const { originalEstimate, remainingEstimate } = value as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const read = (raw: unknown, key: string, message: string) => {
    if (raw === undefined) return undefined;
    const seconds = typeof raw === 'string' ? parseDuration(raw, settings) : undefined;
    if (seconds === undefined) errors[key] = message;
    return seconds;
  };
  const original = read(
    originalEstimate,
    'timetracking_originalestimate',
    'The original estimate specified is not valid.',
  );
  const remaining = read(
    remainingEstimate,
    'timetracking_remainingestimate',
    'The remaining estimate specified is not valid.',
  );
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    ...(original !== undefined && { original }),
    ...((remaining ?? original) !== undefined && { remaining: remaining ?? original }),
  };
}
