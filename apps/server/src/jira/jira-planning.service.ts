import { Injectable } from '@nestjs/common';
import type { JiraCaller } from './jira-credentials';
import { JiraError } from './jira-error';
import type { JiraProjectFeatures, JiraSearchedIssue } from './jira-types';
import { JiraService } from './jira.service';

/** `search/jql` answers at most this many issues a page, whatever is asked. */
export const KEY_SEARCH_PAGE = 100;

/** A page of keys as Jira found them, and the keys it named as unknown. */
export interface KeySearch {
  issues: JiraSearchedIssue[];
  /** Keys Jira said do not exist (or that the caller may not see: Jira does not tell which). */
  unknown: string[];
}

/**
 * The Jira calls of planning from Jira: issue look-ups in batches, the facts a save needs
 * (time tracking, a team-managed project's features), and the writes of a save (Original
 * Estimate, the `planningPoker` record).
 */
@Injectable()
export class JiraPlanningService {
  constructor(private readonly jira: JiraService) {}

  /**
   * Up to KEY_SEARCH_PAGE issues in one `POST search/jql` with `key in (…)`. Jira refuses the
   * whole query with a 400 naming each key it does not know ("An issue with key 'X-1' does not
   * exist for field 'key'."), for a missing key and for one the caller may not see alike: those
   * keys are set aside and the query runs again on the rest. Any other 400 fails the call.
   */
  async issuesByKey(caller: JiraCaller, keys: readonly string[]): Promise<KeySearch> {
    if (keys.length > KEY_SEARCH_PAGE) throw new Error(`At most ${KEY_SEARCH_PAGE} keys a call.`);
    const unknown: string[] = [];
    let remaining = [...keys];
    while (remaining.length > 0) {
      try {
        const page = await (
          await this.jira.client(caller)
        ).request<{ issues?: JiraSearchedIssue[] }>(
          'POST',
          '/rest/api/3/search/jql',
          {},
          {
            jql: `key in (${remaining.join(', ')})`,
            fields: ['project'],
            maxResults: KEY_SEARCH_PAGE,
          },
        );
        return { issues: page.issues ?? [], unknown };
      } catch (error) {
        const named =
          error instanceof JiraError && error.status === 400 ? namedKeys(error, remaining) : [];
        if (named.length === 0) throw error;
        unknown.push(...named);
        remaining = remaining.filter((key) => !named.includes(key));
      }
    }
    return { issues: [], unknown };
  }

  /**
   * Whether time tracking is on for the site, from Jira's global settings: they need only
   * permission to access Jira (the `configuration/timetracking` calls answer Jira admins only).
   * Null when Jira does not say, and the issue's edit screen then decides alone.
   */
  async timeTrackingEnabled(caller: JiraCaller): Promise<boolean | null> {
    try {
      const settings = await (
        await this.jira.client(caller)
      ).request<{ timeTrackingEnabled?: boolean } | undefined>('GET', '/rest/api/3/configuration');
      return typeof settings?.timeTrackingEnabled === 'boolean'
        ? settings.timeTrackingEnabled
        : null;
    } catch (error) {
      if (error instanceof JiraError && (error.status === 401 || error.status === 403)) return null;
      throw error;
    }
  }

  /** A team-managed project's estimation feature: on, off, or null when Jira does not say. */
  async estimationEnabled(caller: JiraCaller, projectKey: string): Promise<boolean | null> {
    const answer = await (
      await this.jira.client(caller)
    ).request<JiraProjectFeatures>(
      'GET',
      `/rest/api/3/project/${encodeURIComponent(projectKey)}/features`,
    );
    const feature = (answer.features ?? []).find((f) => /estimation/i.test(f.feature ?? ''));
    if (!feature?.state) return null;
    return feature.state.toUpperCase() === 'ENABLED';
  }

  /** Writes Original Estimate as Jira's duration text ("1d 4h"). */
  async setOriginalEstimate(caller: JiraCaller, issueKey: string, duration: string): Promise<void> {
    await (
      await this.jira.client(caller)
    ).request<void>(
      'PUT',
      `/rest/api/3/issue/${encodeURIComponent(issueKey)}`,
      {},
      { fields: { timetracking: { originalEstimate: duration } } },
    );
  }

  /** Sets an issue entity property (PUT answers 201 created or 200 replaced). */
  async setIssueProperty(
    caller: JiraCaller,
    issueKey: string,
    propertyKey: string,
    value: unknown,
  ): Promise<void> {
    await (
      await this.jira.client(caller)
    ).request<void>(
      'PUT',
      `/rest/api/3/issue/${encodeURIComponent(issueKey)}/properties/${encodeURIComponent(propertyKey)}`,
      {},
      value,
    );
  }
}

/** The keys of `keys` a refusal names in quotes, as Jira names unknown keys. */
function namedKeys(error: JiraError, keys: readonly string[]): string[] {
  const text = error.message.toUpperCase();
  return keys.filter((key) => text.includes(`'${key.toUpperCase()}'`));
}
