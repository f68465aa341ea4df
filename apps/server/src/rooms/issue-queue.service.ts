import { Injectable } from '@nestjs/common';
import { TIME_TRACKING_FIELD } from '@poker/shared';
import { badRequest } from '../errors/domain.error';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { ROOM_LIMITS } from './rules/room-limits';
import type { Actor } from './rules/actor';
import type { JiraCaller } from '../jira/jira-credentials';
import { jiraFailure } from '../jira/jira-failures';
import {
  JiraPlanningService,
  KEY_SEARCH_PAGE,
  type KeySearch,
} from '../jira/jira-planning.service';
import { JiraService } from '../jira/jira.service';
import { KeyedBatcher } from './commit/keyed-batcher';

const SEARCH_PAGE = 100;
/** Jira checks at most this many issues in one permission call. */
const PERMISSION_BATCH = 1000;
/** Look-ups of one Connect site that share one round of searches (a join storm's creations). */
const SITE_LOOKUP_BATCH = 32;

/** A shared search answered an issue under a key nobody asked for (a moved issue). */
class MovedIssueInBatch extends Error {}

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
  /**
   * On Connect the key look-up runs as the app, so it is the same question whoever asks: look-ups
   * of one site that arrive while one is in flight share the next search (`key in (…)` over all
   * their keys), and each person's answer is cut back to their own keys before their own
   * permission check. On Forge each look-up runs as its person and is never shared.
   */
  private readonly siteLookUps = new KeyedBatcher<string[], KeySearch>(
    (tenantId, lists) => this.searchTogether(tenantId, lists),
    SITE_LOOKUP_BATCH,
  );

  constructor(
    private readonly jira: JiraService,
    private readonly planning: JiraPlanningService,
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

  /**
   * The fields of issues picked from a board: each distinct one checked once, a number field of
   * this Jira or Original Estimate's time tracking (the board estimates in time).
   */
  async requireEstimateFields(
    actor: Actor,
    issueFields: readonly { fieldId: string }[] = [],
  ): Promise<void> {
    const fieldIds = new Set(issueFields.map((entry) => entry.fieldId));
    fieldIds.delete(TIME_TRACKING_FIELD);
    if (fieldIds.size === 0) return;
    await this.budget.spend(actor);
    // The field list is read once (and cached), however many fields there are.
    for (const fieldId of fieldIds) await this.jira.requireNumberField(actor, fieldId);
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

  /**
   * The typed keys as issues the person may browse; one uniform refusal for any other. One
   * `search/jql` per page of keys rather than one look-up per key; a key Jira does not know and
   * one the person may not see get the same answer, so the refusal tells nothing about what
   * exists.
   */
  private async lookUp(actor: Actor, keys: string[]): Promise<IssueRef[]> {
    const found: IssueRef[] = [];
    const missing: string[] = [];
    for (let start = 0; start < keys.length; start += KEY_SEARCH_PAGE) {
      let page;
      try {
        page = await this.keysPage(actor, keys.slice(start, start + KEY_SEARCH_PAGE));
      } catch (error) {
        // A refusal that names no key of ours: Jira's text is not passed on.
        throw jiraFailure(error, {
          badRequest: () => NOT_VISIBLE(keys.slice(start, start + KEY_SEARCH_PAGE)),
        });
      }
      missing.push(...page.unknown);
      found.push(...page.issues.map((issue) => ({ id: issue.id, key: issue.key.toUpperCase() })));
    }
    const visible = new Set((await this.browsable(actor, found)).map((ref) => ref.key));
    const asked = new Set(keys);
    const answered = new Set(found.map((ref) => ref.key));
    // Jira answers a moved issue under its new key; which typed key it was is not said, so a
    // key that went unanswered is refused only when no issue came back under another key.
    const moved = found.filter((ref) => !asked.has(ref.key));
    const refused = keys.filter((key) =>
      missing.includes(key) || answered.has(key) ? !visible.has(key) : moved.length === 0,
    );
    if (refused.length > 0) throw NOT_VISIBLE(refused);
    // The typed order, not the order Jira listed them in; moved issues after.
    const byKey = new Map(found.filter((ref) => visible.has(ref.key)).map((ref) => [ref.key, ref]));
    const inOrder = keys.map((key) => byKey.get(key)).filter((ref): ref is IssueRef => !!ref);
    return [...inOrder, ...[...byKey.values()].filter((ref) => !asked.has(ref.key))];
  }

  /** One page of keys: shared with the site's other look-ups on Connect, alone on Forge. */
  private async keysPage(actor: Actor, keys: string[]): Promise<KeySearch> {
    if (actor.jira) return this.planning.issuesByKey(actor, keys);
    try {
      return await this.siteLookUps.submit(actor.tenantId, keys);
    } catch (error) {
      if (!(error instanceof MovedIssueInBatch)) throw error;
      // Which asker a moved issue belongs to is not said: each asks again on its own.
      return this.planning.issuesByKey(actor, keys);
    }
  }

  /** The searches for several look-ups of one site, answered to each with its own keys only. */
  private async searchTogether(tenantId: string, lists: string[][]): Promise<KeySearch[]> {
    const union = [...new Set(lists.flat())];
    const issues: KeySearch['issues'] = [];
    const unknown = new Set<string>();
    for (let start = 0; start < union.length; start += KEY_SEARCH_PAGE) {
      const page = await this.planning.issuesByKey(
        { tenantId },
        union.slice(start, start + KEY_SEARCH_PAGE),
      );
      issues.push(...page.issues);
      for (const key of page.unknown) unknown.add(key);
    }
    if (lists.length === 1) return [{ issues, unknown: [...unknown] }];
    const asked = new Set(union);
    if (issues.some((issue) => !asked.has(issue.key.toUpperCase()))) throw new MovedIssueInBatch();
    return lists.map((keys) => {
      const own = new Set(keys);
      return {
        issues: issues.filter((issue) => own.has(issue.key.toUpperCase())),
        unknown: keys.filter((key) => unknown.has(key)),
      };
    });
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
