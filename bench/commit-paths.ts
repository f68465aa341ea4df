/**
 * Counters read from our nodes' /metrics, summed over the nodes: `poker_room_commits_total` by
 * path (how room changes were committed) and, as `<event> s` and `<event> n`, the sum and count
 * of `poker_socket_event_duration_seconds` (time from receipt to ack inside the server). The
 * baseline has no /metrics and gives {}.
 */
export type CommitPaths = Record<string, number>;

const COMMITS = /^poker_room_commits_total\{path="([^"]+)"\} (\d+)/gm;
const DURATION =
  /^poker_socket_event_duration_seconds_(sum|count)\{event="([^"]+)"\} ([\d.e+-]+)/gm;

export async function commitPaths(urls: string[]): Promise<CommitPaths> {
  const totals: CommitPaths = {};
  const add = (key: string, value: number) => (totals[key] = (totals[key] ?? 0) + value);
  for (const url of urls) {
    const text = await fetch(`${url}/metrics`)
      .then((response) => (response.ok ? response.text() : ''))
      .catch(() => '');
    for (const match of text.matchAll(COMMITS)) add(match[1], Number(match[2]));
    for (const match of text.matchAll(DURATION)) {
      add(`${match[2]} ${match[1] === 'sum' ? 's' : 'n'}`, Number(match[3]));
    }
  }
  return totals;
}

/** Mean server time from receipt to ack per event kind, in ms ("vote:cast 0.41 ms, …"). */
export function describeServerTimes(paths: CommitPaths | undefined): string {
  const events = Object.keys(paths ?? {})
    .filter((key) => key.endsWith(' n') && (paths?.[key] ?? 0) > 0)
    .map((key) => key.slice(0, -2))
    .filter((event) => ['vote:cast', 'vote:reveal', 'vote:reset'].includes(event));
  if (!paths || events.length === 0) return '–';
  return events
    .sort()
    .map(
      (event) => `${event} ${((paths[`${event} s`] / paths[`${event} n`]) * 1000).toFixed(2)} ms`,
    )
    .join(', ');
}

/** What happened between two readings. */
export function commitPathsSince(before: CommitPaths, after: CommitPaths): CommitPaths {
  return Object.fromEntries(
    Object.entries(after).map(([path, count]) => [path, count - (before[path] ?? 0)]),
  );
}

/** "cached 95.1 %, locked-moved 4.2 %, …" for the report. */
export function describeCommitPaths(paths: CommitPaths | undefined): string {
  const commits = Object.entries(paths ?? {}).filter(([key]) => !key.includes(' '));
  const total = commits.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return '–';
  return commits
    .sort((a, b) => b[1] - a[1])
    .map(([path, count]) => `${path} ${((count / total) * 100).toFixed(1)} %`)
    .join(', ');
}
