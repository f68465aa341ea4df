import { HostRequestError, type HostBridge } from '../host/host-bridge';
import type { AdfNode } from './adf';
import { LiveCache } from './live-cache';

export type JiraIssue =
  | { key: string; found: true; summary: string; description: AdfNode | null }
  | { key: string; found: false; reason: string };

interface IssueResponse {
  key: string;
  fields: { summary?: string; description?: AdfNode | null };
}

/** Look-ups at once: quick for a queue of twenty, gentle on Jira's rate limit. */
const CONCURRENCY = 4;

/** Issue summaries and descriptions, read live through the bridge and kept in memory only. */
export class IssueDirectory {
  readonly cache = new LiveCache<JiraIssue>();
  private readonly asked = new Set<string>();
  private readonly queue: string[] = [];
  private running = 0;

  constructor(private readonly bridge: HostBridge) {}

  want(issueKeys: readonly string[]): void {
    for (const key of issueKeys) {
      if (this.asked.has(key)) continue;
      this.asked.add(key);
      this.queue.push(key);
    }
    while (this.running < CONCURRENCY && this.queue.length > 0) void this.work();
  }

  issue(issueKey: string): JiraIssue | undefined {
    return this.cache.get(issueKey);
  }

  private async work(): Promise<void> {
    this.running += 1;
    for (let key = this.queue.shift(); key; key = this.queue.shift()) {
      const issue = await this.load(key);
      if (issue) this.cache.set([[key, issue]]);
      else this.asked.delete(key);
    }
    this.running -= 1;
  }

  private async load(key: string): Promise<JiraIssue | undefined> {
    try {
      const response = await this.bridge.request<IssueResponse>({
        url: `/rest/api/3/issue/${encodeURIComponent(key)}?fields=summary,description`,
      });
      return {
        key,
        found: true,
        summary: response.fields.summary ?? '',
        description: response.fields.description ?? null,
      };
    } catch (error) {
      if (error instanceof HostRequestError && error.status === 404) {
        return { key, found: false, reason: 'Not found in Jira, or you may not see it.' };
      }
      return undefined;
    }
  }
}
