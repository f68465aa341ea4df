/**
 * Jira Agile REST pages results in two shapes: lists of boards and sprints as
 * `{ startAt, maxResults, isLast, values }`, lists of issues as search results
 * `{ startAt, maxResults, total, issues }`. Both are read here page by page, as Jira pages them.
 */

export interface ValuesPage<T> {
  startAt?: number;
  maxResults?: number;
  isLast?: boolean;
  values?: T[];
}

export interface IssuesPage<T> {
  startAt?: number;
  maxResults?: number;
  total?: number;
  issues?: T[];
}

/** What a paged read gathered, and whether it stopped at `limit` with more left in Jira. */
export interface Gathered<T> {
  items: T[];
  truncated: boolean;
}

/**
 * Reads `values` pages from `startAt` 0 until Jira says `isLast` (or a page comes back empty),
 * keeping at most `limit` items.
 */
export async function gatherValues<T>(
  readPage: (startAt: number) => Promise<ValuesPage<T>>,
  limit: number,
): Promise<Gathered<T>> {
  const items: T[] = [];
  for (let startAt = 0; ;) {
    const page = await readPage(startAt);
    const values = page.values ?? [];
    items.push(...values);
    // Jira may answer fewer than asked for (it caps maxResults itself): go on from what came.
    const last = page.isLast ?? values.length === 0;
    if (last || values.length === 0) return { items: items.slice(0, limit), truncated: false };
    if (items.length >= limit) return { items: items.slice(0, limit), truncated: true };
    startAt += values.length;
  }
}

/** Reads `issues` pages until `total` is reached (or a page comes back empty), up to `limit`. */
export async function gatherIssues<T>(
  readPage: (startAt: number) => Promise<IssuesPage<T>>,
  limit: number,
): Promise<Gathered<T>> {
  const items: T[] = [];
  for (let startAt = 0; ;) {
    const page = await readPage(startAt);
    const issues = page.issues ?? [];
    items.push(...issues);
    const total = page.total ?? items.length;
    if (issues.length === 0 || items.length >= total) {
      return { items: items.slice(0, limit), truncated: items.length > limit };
    }
    if (items.length >= limit) return { items: items.slice(0, limit), truncated: true };
    startAt += issues.length;
  }
}
