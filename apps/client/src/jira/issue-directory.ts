import { HostRequestError, type HostBridge } from '../host/host-bridge';
import {
  issueFromJson,
  ISSUE_FIELDS,
  NOT_FOUND_REASON,
  type FoundIssue,
  type JiraIssue,
} from './issue-json';
import { LiveCache } from './live-cache';

export type { FoundIssue, IssueLink, IssueStatus, IssueType, JiraIssue } from './issue-json';

/** Jira's enhanced search returns at most 100 issues a page, so `key in (…)` holds 100 keys. */
export const BATCH_SIZE = 100;
/** Jira reconciles at most 50 issue IDs a search (read-after-write for issues edited just now). */
const MAX_RECONCILE = 50;
/** A batch of 100 keys never needs more pages than this; more means Jira ignored our token. */
const MAX_PAGES = 20;

interface SearchPage {
  issues?: unknown[];
  nextPageToken?: string | null;
}

const missing = (key: string): JiraIssue => ({ key, found: false, reason: NOT_FOUND_REASON });

/** What may go into the JQL (and a pattern) as it is: anything else cannot be an issue key. */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/i;

/** Whether Jira's error text names this key (and not a longer one: PROJ-1 is not PROJ-12). */
function names(message: string, key: string): boolean {
  return new RegExp(`(?:^|[^A-Z0-9_-])${key}(?![0-9])`, 'i').test(message);
}

/**
 * Issues (summary, description, type, status, assignee, parent, sub-tasks, estimates), read live
 * through the bridge and kept in memory only (PRIVACY-PROMISE.md, claim 9). Keys asked for in
 * the same tick go to Jira together: one `POST /rest/api/3/search/jql` with `key in (…)` per 100.
 */
export class IssueDirectory {
  readonly cache = new LiveCache<JiraIssue>();
  private readonly asked = new Set<string>();
  private readonly extraFields = new Set<string>();
  private queued = new Set<string>();

  constructor(private readonly bridge: HostBridge) {}

  /**
   * Asks for the issues not yet known. `fields` adds fields to every later look-up (an estimate
   * field); when one is new, these issues are read again to get its value.
   */
  want(issueKeys: readonly string[], fields: readonly string[] = []): void {
    const newField = fields.filter((field) => !this.extraFields.has(field));
    newField.forEach((field) => this.extraFields.add(field));
    const keys =
      newField.length > 0
        ? issueKeys
        : issueKeys.filter((key) => !this.asked.has(key) || this.lacks(key, fields));
    this.enqueue(keys);
  }

  /** Reads these issues again (a new round, the window regained focus); old values stay shown. */
  refresh(issueKeys: readonly string[]): void {
    this.enqueue(issueKeys);
  }

  /**
   * Whether an issue was read before `fields` were asked for (another screen read it first, or
   * a search was under way when the field was added): it is read again to get their values.
   */
  lacks(issueKey: string, fields: readonly string[]): boolean {
    const cached = this.cache.get(issueKey);
    return !!cached?.found && fields.some((field) => !(field in cached.values));
  }

  issue(issueKey: string): JiraIssue | undefined {
    return this.cache.get(issueKey);
  }

  private enqueue(keys: readonly string[]): void {
    if (keys.length === 0) return;
    if (this.queued.size === 0) queueMicrotask(() => void this.flush());
    keys.forEach((key) => {
      this.asked.add(key);
      this.queued.add(key);
    });
  }

  private async flush(): Promise<void> {
    const keys = [...this.queued];
    this.queued = new Set();
    for (let start = 0; start < keys.length; start += BATCH_SIZE) {
      await this.loadBatch(keys.slice(start, start + BATCH_SIZE));
    }
  }

  private async loadBatch(batch: string[]): Promise<void> {
    const keys = batch.filter((key) => ISSUE_KEY.test(key));
    const malformed = batch.filter((key) => !ISSUE_KEY.test(key));
    if (malformed.length > 0) this.cache.set(malformed.map((key) => [key, missing(key)]));
    if (keys.length === 0) return;
    let found: Map<string, FoundIssue>;
    try {
      found = await this.search(keys);
    } catch (error) {
      if (error instanceof HostRequestError && error.status === 400) {
        return this.findMissing(keys, error.message);
      }
      // Jira did not answer: forget the request so the next render asks again.
      keys.forEach((key) => this.asked.delete(key));
      return;
    }
    // A key Jira did not return without refusing the query (moved, or hidden) is not there for us.
    this.cache.set(keys.map((key) => [key, found.get(key.toUpperCase()) ?? missing(key)]));
  }

  /**
   * Jira refuses the whole `key in (…)` query with a 400 when one key does not exist or may not
   * be seen, naming those keys in `errorMessages`. The named keys are marked missing and the rest
   * asked again; when Jira's words name none (another language), the batch is halved instead.
   */
  private async findMissing(keys: string[], message: string): Promise<void> {
    if (keys.length === 1) return this.cache.set([[keys[0], missing(keys[0])]]);
    const named = keys.filter((key) => names(message, key));
    if (named.length > 0) {
      this.cache.set(named.map((key) => [key, missing(key)]));
      const rest = keys.filter((key) => !named.includes(key));
      if (rest.length > 0) await this.loadBatch(rest);
      return;
    }
    const half = Math.ceil(keys.length / 2);
    await this.loadBatch(keys.slice(0, half));
    await this.loadBatch(keys.slice(half));
  }

  private async search(keys: string[]): Promise<Map<string, FoundIssue>> {
    const extra = [...this.extraFields];
    const reconcile = keys
      .map((key) => this.cache.get(key))
      .flatMap((issue) => (issue?.found && issue.id !== null ? [issue.id] : []))
      .slice(0, MAX_RECONCILE);
    const found = new Map<string, FoundIssue>();
    let nextPageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await this.bridge.request<SearchPage>({
        url: '/rest/api/3/search/jql',
        method: 'POST',
        body: {
          jql: `key in (${keys.map((key) => `"${key}"`).join(', ')})`,
          fields: [...ISSUE_FIELDS, ...extra],
          maxResults: BATCH_SIZE,
          ...(reconcile.length > 0 && { reconcileIssues: reconcile }),
          ...(nextPageToken && { nextPageToken }),
        },
      });
      for (const json of answer?.issues ?? []) {
        const issue = issueFromJson(json, extra);
        if (issue) found.set(issue.key, issue);
      }
      if (!answer?.nextPageToken) break;
      nextPageToken = answer.nextPageToken;
    }
    return found;
  }
}
