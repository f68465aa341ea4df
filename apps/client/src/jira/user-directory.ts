import type { HostBridge } from '../host/host-bridge';
import { LiveCache } from './live-cache';

export interface JiraUser {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
}

interface BulkUsersPage {
  values: { accountId: string; displayName?: string; avatarUrls?: Record<string, string> }[];
}

/** Jira answers at most this many IDs in one bulk call (and pages at 10 unless told). */
const BULK_SIZE = 90;

/**
 * Display names and avatars for account IDs, read live as the current user through the bridge
 * (`/rest/api/3/user/bulk`), batched per tick and cached in memory only.
 */
export class UserDirectory {
  readonly cache = new LiveCache<JiraUser | null>();
  private readonly asked = new Set<string>();
  private queued: string[] = [];

  constructor(private readonly bridge: HostBridge) {}

  /** Asks for the users not yet known; the cache notifies when they arrive. */
  want(accountIds: readonly string[]): void {
    const fresh = accountIds.filter((id) => !this.asked.has(id));
    if (fresh.length === 0) return;
    fresh.forEach((id) => this.asked.add(id));
    if (this.queued.length === 0) queueMicrotask(() => void this.flush());
    this.queued.push(...fresh);
  }

  /** The user, null when Jira does not know the ID, undefined while loading. */
  user(accountId: string): JiraUser | null | undefined {
    return this.cache.get(accountId);
  }

  private async flush(): Promise<void> {
    const ids = this.queued;
    this.queued = [];
    for (let start = 0; start < ids.length; start += BULK_SIZE) {
      await this.load(ids.slice(start, start + BULK_SIZE));
    }
  }

  private async load(ids: string[]): Promise<void> {
    const query = ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
    try {
      const page = await this.bridge.request<BulkUsersPage>({
        url: `/rest/api/3/user/bulk?maxResults=${BULK_SIZE}&${query}`,
      });
      const found = new Map(page.values.map((value) => [value.accountId, value]));
      this.cache.set(
        ids.map((id): [string, JiraUser | null] => {
          const value = found.get(id);
          if (!value) return [id, null];
          const avatarUrl = value.avatarUrls?.['48x48'] ?? null;
          return [id, { accountId: id, displayName: value.displayName ?? 'Unknown', avatarUrl }];
        }),
      );
    } catch {
      // Jira did not answer: forget the request so the next render asks again.
      ids.forEach((id) => this.asked.delete(id));
    }
  }
}
