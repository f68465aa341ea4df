import { Injectable } from '@nestjs/common';
import { badRequest, DomainError } from '../errors/domain.error';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { ROOM_LIMITS } from './rules/room-limits';
import type { Actor } from './rules/actor';
import type { JiraCaller } from '../jira/jira-credentials';
import { isJiraStatus, jiraFailure } from '../jira/jira-failures';
import { JiraService } from '../jira/jira.service';

/** Parallel issue look-ups per request: quick for a pasted list, gentle on Jira's rate limit. */
const LOOKUP_CONCURRENCY = 6;
const SEARCH_PAGE = 100;
/** Jira checks at most this many issues in one permission call. */
const PERMISSION_BATCH = 1000;

/**
 * One answer for a query Jira refused, one that matched nothing, and one that matched only
 * issues the person may not see: otherwise the difference would tell what exists.
 */
const NO_VISIBLE_MATCH = () =>
  badRequest('No issue you may see matches this JQL query (or Jira did not accept it).');

/** One answer for a key that does not exist and for one the person may not see (no oracle). */
const NOT_VISIBLE = (keys: string[]) =>
  badRequest(`Not found in Jira, or you may not see: ${[...keys].sort().join(', ')}.`);

interface IssueRef {
  id: string;
  key: string;
}

/**
 * Turns what the owner typed (keys or JQL) into issue keys; only keys are kept. Every key that
 * enters a room is one the acting person may browse: on Forge Jira itself decides (we call it as
 * them); on Connect the app asks Jira's permission API about that person before it counts,
 * stores or answers anything. Jira's own error text is never passed on.
 */
@Injectable()
export class IssueQueueService {
  constructor(
    private readonly jira: JiraService,
    private readonly budget: JiraBudget,
  ) {}

  /** Keys the person may see, in order: the given ones, then the JQL's results. */
  async resolve(actor: Actor, issueKeys: string[], jql?: string): Promise<string[]> {
    await this.budget.spend(actor);
    const typed = await this.lookUp(actor, [...new Set(issueKeys.map((k) => k.toUpperCase()))]);
    const found = jql ? await this.searchVisible(actor, jql) : [];
    const unique = [...new Map([...typed, ...found].map((ref) => [ref.key, ref])).keys()];
    if (unique.length > ROOM_LIMITS.issuesPerRoom) {
      throw badRequest(
        `At most ${ROOM_LIMITS.issuesPerRoom} issues fit in a room; narrow the query.`,
      );
    }
    return unique;
  }

  /** BAD_REQUEST unless `fieldId` is a number field of this Jira (estimates are numbers). */
  async requireNumberField(actor: Actor, fieldId: string): Promise<void> {
    await this.budget.spend(actor);
    await this.jira.requireNumberField(actor, fieldId);
  }

  /** The JQL's issues the person may browse; the rest are dropped unseen, as Jira does. */
  private async searchVisible(actor: Actor, jql: string): Promise<IssueRef[]> {
    const visible: IssueRef[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.jira.search(actor, jql, SEARCH_PAGE, token);
        visible.push(...(await this.browsable(actor, page.issues)));
        token = page.isLast === false ? page.nextPageToken : undefined;
      } while (token && visible.length <= ROOM_LIMITS.issuesPerRoom);
    } catch (error) {
      // Jira's text can name fields and values the person may not see: never pass it on.
      throw jiraFailure(error, { badRequest: NO_VISIBLE_MATCH });
    }
    if (visible.length === 0) throw NO_VISIBLE_MATCH();
    return visible;
  }

  /** The typed keys as issues the person may browse; one uniform refusal for any other. */
  private async lookUp(actor: Actor, keys: string[]): Promise<IssueRef[]> {
    const found: IssueRef[] = [];
    const missing: string[] = [];
    let failure: DomainError | undefined;
    const queue = [...keys];
    const worker = async () => {
      for (let key = queue.shift(); key; key = queue.shift()) {
        try {
          const issue = await this.jira.issue(actor, key);
          found.push({ id: issue.id, key: issue.key.toUpperCase() });
        } catch (error) {
          if (isJiraStatus(error, 404)) missing.push(key);
          else failure ??= jiraFailure(error);
        }
      }
    };
    await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
    if (failure) throw failure;
    const visible = new Set((await this.browsable(actor, found)).map((ref) => ref.key));
    const refused = [...missing, ...found.filter((ref) => !visible.has(ref.key)).map((r) => r.key)];
    if (refused.length > 0) throw NOT_VISIBLE(refused);
    // The typed order, not the order the look-ups came back in.
    const byKey = new Map(found.map((ref) => [ref.key, ref]));
    return keys.map((key) => byKey.get(key)).filter((ref): ref is IssueRef => !!ref);
  }

  /**
   * The issues the acting person may browse. On Forge every call already ran as them, so Jira
   * only ever showed what they may see; on Connect the app sees everything and must ask.
   */
  private async browsable(actor: Actor, issues: IssueRef[]): Promise<IssueRef[]> {
    if (actor.jira || issues.length === 0) return issues;
    const allowed = new Set<number>();
    for (let start = 0; start < issues.length; start += PERMISSION_BATCH) {
      const batch = issues.slice(start, start + PERMISSION_BATCH);
      let answer;
      try {
        answer = await this.jira.checkPermissions(actorCaller(actor), actor.accountId, {
          issueIds: batch.map((issue) => Number(issue.id)),
          permission: 'BROWSE_PROJECTS',
        });
      } catch (error) {
        throw jiraFailure(error);
      }
      const browse = answer.projectPermissions?.find((p) => p.permission === 'BROWSE_PROJECTS');
      for (const id of browse?.issues ?? []) allowed.add(id);
    }
    return issues.filter((issue) => allowed.has(Number(issue.id)));
  }
}

function actorCaller(actor: Actor): JiraCaller {
  return { tenantId: actor.tenantId };
}
