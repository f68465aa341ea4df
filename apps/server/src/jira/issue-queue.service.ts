import { Injectable } from '@nestjs/common';
import { badRequest, DomainError } from '../errors/domain.error';
import { ROOM_LIMITS } from '../rooms/room-limits';
import type { Actor } from '../rooms/room-rules';
import type { JiraCaller } from './jira-credentials';
import { JiraError } from './jira-error';
import { jiraUnavailable, JiraService } from './jira.service';
import type { JiraField } from './jira-types';

/** Parallel issue look-ups per request: quick for a pasted list, gentle on Jira's rate limit. */
const LOOKUP_CONCURRENCY = 6;
const SEARCH_PAGE = 100;

/** Turns what the owner typed (keys or JQL) into checked issue keys; only keys are kept. */
@Injectable()
export class IssueQueueService {
  constructor(private readonly jira: JiraService) {}

  /** Keys that exist in this Jira, in order: the given ones, then the JQL's results. */
  async resolve(actor: Actor, issueKeys: string[], jql?: string): Promise<string[]> {
    const keys = [...issueKeys];
    if (jql) keys.push(...(await this.searchKeys(actor, jql)));
    const unique = [...new Set(keys)];
    if (unique.length > ROOM_LIMITS.issuesPerRoom) {
      throw badRequest(
        `At most ${ROOM_LIMITS.issuesPerRoom} issues fit in a room; narrow the query.`,
      );
    }
    await this.requireExisting(actor, issueKeys);
    return unique;
  }

  /** BAD_REQUEST unless `fieldId` is a number field of this Jira (estimates are numbers). */
  async requireNumericField(actor: Actor, fieldId: string): Promise<JiraField> {
    let fields: JiraField[];
    try {
      fields = await this.jira.fields(actor);
    } catch (error) {
      throw jiraUnavailable(error);
    }
    const field = fields.find((f) => f.id === fieldId);
    if (!field) throw badRequest(`Field ${fieldId} does not exist in this Jira site.`);
    if (field.schema?.type !== 'number') {
      throw badRequest(`Field ${fieldId} does not hold numbers, so it cannot take an estimate.`);
    }
    return field;
  }

  private async searchKeys(caller: JiraCaller, jql: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.jira.search(caller, jql, SEARCH_PAGE, token);
        keys.push(...page.issues.map((issue) => issue.key));
        token = page.isLast === false ? page.nextPageToken : undefined;
      } while (token && keys.length <= ROOM_LIMITS.issuesPerRoom);
    } catch (error) {
      if (error instanceof JiraError && error.status === 400) {
        throw badRequest(`Jira did not accept the JQL: ${error.message}`);
      }
      throw jiraUnavailable(error);
    }
    return keys;
  }

  private async requireExisting(caller: JiraCaller, keys: string[]): Promise<void> {
    const missing: string[] = [];
    let failure: DomainError | undefined;
    const queue = [...keys];
    const worker = async () => {
      for (let key = queue.shift(); key; key = queue.shift()) {
        try {
          await this.jira.issue(caller, key);
        } catch (error) {
          if (error instanceof JiraError && error.status === 404) missing.push(key);
          else failure ??= jiraUnavailable(error);
        }
      }
    };
    await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
    if (failure) throw failure;
    if (missing.length > 0) {
      throw badRequest(
        `Not found in Jira (or not visible to the app): ${missing.sort().join(', ')}.`,
      );
    }
  }
}
