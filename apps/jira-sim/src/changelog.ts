import { jiraTimestamp, userJson } from './jira-json';
import type { Actor } from './permission-model';
import type { ChangeHistory, ChangeItem, SimField, SimIssue } from './sim-records';
import type { SimState } from './sim-state';

/** Changelog IDs count up from here, one per edit on the site. */
const FIRST_CHANGELOG_ID = 10000;
/** Jira's default and largest page of changelogs. */
export const MAX_CHANGELOG_PAGE = 100;

/**
 * The account ID the app acts as (a Connect JWT, a Forge system token): Jira's "add-on user".
 * A fake ID, `addon-<Connect app key>` (or `addon-app` when only Forge is installed), so a test
 * can tell the app's edits from a person's at a glance; `GET /myself` answers the same one.
 */
export function appUserAccountId(state: SimState): string {
  return `addon-${state.installation?.appKey ?? 'app'}`;
}

function appUserName(state: SimState): string {
  return state.installation?.appKey ?? 'app';
}

/** Plain text of an Atlassian Document (Jira's changelog shows a description as text). */
function adfText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { text, content } = node as { text?: unknown; content?: unknown };
  if (typeof text === 'string') return text;
  return Array.isArray(content) ? content.map(adfText).join('') : '';
}

/** How a stored value reads in the changelog's `fromString`/`toString`. */
function valueString(state: SimState, field: SimField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (field.schema.type === 'user' && typeof value === 'string') {
    return userJson(state, value)?.displayName ?? value;
  }
  if (field.id === 'description') return adfText(value);
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (typeof value === 'object') {
    const option = (value as { value?: unknown }).value;
    return typeof option === 'string' ? option : JSON.stringify(value);
  }
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** Jira gives estimates' seconds in `from`/`to` as well as in the strings. */
const SECONDS_FIELDS = new Set(['timeoriginalestimate', 'timeestimate']);

/** The `from`/`to` ID Jira gives for some fields (an assignee's account ID, seconds); else null. */
function valueId(field: SimField, value: unknown): string | null {
  if (SECONDS_FIELDS.has(field.id) && typeof value === 'number') return String(value);
  return field.schema.type === 'user' && typeof value === 'string' ? value : null;
}

/**
 * Records one successful edit as Jira does: only fields whose value changed become items, and an
 * edit that changed nothing leaves no entry. `before` holds the stored values prior to the edit.
 */
export function recordEdit(
  state: SimState,
  issue: SimIssue,
  actor: Actor,
  before: Record<string, unknown>,
  fields: SimField[],
  now: number,
): ChangeHistory | undefined {
  const items = fields.flatMap((field): ChangeItem[] => {
    const from = before[field.id] ?? null;
    const to = issue.fields[field.id] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) return [];
    return [
      {
        field: field.custom ? field.name : field.id,
        fieldtype: field.custom ? 'custom' : 'jira',
        fieldId: field.id,
        from: valueId(field, from),
        fromString: valueString(state, field, from),
        to: valueId(field, to),
        toString: valueString(state, field, to),
      },
    ];
  });
  if (items.length === 0) return undefined;
  const history: ChangeHistory = {
    id: String(FIRST_CHANGELOG_ID + state.changelog.length),
    issueId: issue.id,
    authorAccountId: actor.kind === 'user' ? actor.accountId : appUserAccountId(state),
    created: now,
    items,
  };
  state.changelog.push(history);
  return history;
}

/** Jira's UserDetails of a changelog's author (the app user for the app's own edits). */
function authorJson(state: SimState, accountId: string) {
  const user = userJson(state, accountId);
  if (user) {
    const { self, avatarUrls, displayName, active, timeZone, accountType } = user;
    return { self, accountId, avatarUrls, displayName, active, timeZone, accountType };
  }
  return {
    self: `${state.url}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
    accountId,
    displayName: accountId === appUserAccountId(state) ? appUserName(state) : 'Former user',
    active: accountId === appUserAccountId(state),
    timeZone: 'Europe/Berlin',
    accountType: accountId === appUserAccountId(state) ? 'app' : 'atlassian',
  };
}

/**
 * `GET /rest/api/3/issue/{key}/changelog` as Jira's PageBeanChangelog: oldest first, paged with
 * `startAt`/`maxResults` (100 at most), `nextPage` only when another page follows.
 */
export function changelogPage(
  state: SimState,
  issue: SimIssue,
  pageUrl: string,
  startAt: number,
  maxResults: number,
) {
  const all = state.changelog.filter((history) => history.issueId === issue.id);
  const page = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + maxResults >= all.length;
  const url = (at: number) => `${pageUrl}?startAt=${at}&maxResults=${maxResults}`;
  return {
    self: url(startAt),
    ...(!isLast && { nextPage: url(startAt + maxResults) }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values: page.map((history) => ({
      id: history.id,
      author: authorJson(state, history.authorAccountId),
      created: jiraTimestamp(history.created),
      items: history.items,
    })),
  };
}
