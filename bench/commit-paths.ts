/** How our nodes committed room changes: `poker_room_commits_total` by path, from /metrics. */
export type CommitPaths = Record<string, number>;

/** Sums the counter over the nodes; the baseline has no /metrics and gives {}. */
export async function commitPaths(urls: string[]): Promise<CommitPaths> {
  const totals: CommitPaths = {};
  for (const url of urls) {
    const text = await fetch(`${url}/metrics`)
      .then((response) => (response.ok ? response.text() : ''))
      .catch(() => '');
    for (const match of text.matchAll(/^poker_room_commits_total\{path="([^"]+)"\} (\d+)/gm)) {
      totals[match[1]] = (totals[match[1]] ?? 0) + Number(match[2]);
    }
  }
  return totals;
}

/** What happened between two readings. */
export function commitPathsSince(before: CommitPaths, after: CommitPaths): CommitPaths {
  return Object.fromEntries(
    Object.entries(after).map(([path, count]) => [path, count - (before[path] ?? 0)]),
  );
}

/** "cached 95.1 %, locked-moved 4.2 %, …" for the report. */
export function describeCommitPaths(paths: CommitPaths | undefined): string {
  const total = Object.values(paths ?? {}).reduce((sum, count) => sum + count, 0);
  if (!paths || total === 0) return '–';
  return Object.entries(paths)
    .sort((a, b) => b[1] - a[1])
    .map(([path, count]) => `${path} ${((count / total) * 100).toFixed(1)} %`)
    .join(', ');
}
