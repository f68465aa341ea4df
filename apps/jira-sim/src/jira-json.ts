import { PLANNING_FIELD_IDS, planningFieldValue } from './issue-fields-json';
import type { SimIssue, SimProject } from './sim-records';
import { findProject, type SimState } from './sim-state';

/** How Jira shows a user; closed accounts keep their ID but lose name and avatar. */
export function userJson(state: SimState, accountId: string) {
  const user = state.users.get(accountId);
  if (!user) return undefined;
  const closed = state.closedAccounts.has(accountId);
  const avatar = (size: number) =>
    `${state.url}/_sim/avatars/${encodeURIComponent(closed ? 'former-user' : accountId)}.svg?s=${size}`;
  return {
    self: `${state.url}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
    accountId,
    accountType: 'atlassian',
    displayName: closed ? 'Former user' : user.displayName,
    avatarUrls: {
      '48x48': avatar(48),
      '24x24': avatar(24),
      '16x16': avatar(16),
      '32x32': avatar(32),
    },
    active: !closed,
    timeZone: 'Europe/Berlin',
    locale: 'en_US',
  };
}

export function projectJson(state: SimState, project: SimProject) {
  return {
    self: `${state.url}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: project.simplified,
  };
}

/** Jira's timestamp format: milliseconds and a numeric offset without a colon. */
export function jiraTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function fieldValue(state: SimState, issue: SimIssue, fieldId: string): unknown {
  if (PLANNING_FIELD_IDS.has(fieldId)) return planningFieldValue(state, issue, fieldId);
  if (fieldId === 'project') {
    const project = findProject(state, issue.projectKey);
    return project ? projectJson(state, project) : null;
  }
  if (fieldId === 'created') return jiraTimestamp(issue.createdAt);
  const value = issue.fields[fieldId] ?? null;
  if (fieldId === 'assignee' && typeof value === 'string') return userJson(state, value) ?? null;
  return value;
}

/**
 * Which fields a `fields` list asks for, as Jira reads it: absent, `*all` or `*navigable` mean
 * every field; `-id` removes one; unknown IDs are ignored. With time tracking off its fields
 * do not exist.
 */
export function selectFields(state: SimState, requested: string[] | undefined): string[] {
  const all = state.fields
    .filter((field) => state.timeTracking.enabled || !field.timeTracking)
    .map((field) => field.id);
  if (!requested || requested.length === 0) return all;
  const chosen = new Set<string>();
  for (const entry of requested) {
    if (entry === '*all' || entry === '*navigable') all.forEach((id) => chosen.add(id));
    else if (all.includes(entry)) chosen.add(entry);
  }
  for (const entry of requested) if (entry.startsWith('-')) chosen.delete(entry.slice(1));
  return [...chosen];
}

/** `fields=a,b`, `fields=a&fields=b` or a JSON array, flattened to IDs. */
export function fieldList(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  const parts = Array.isArray(raw) ? raw : [raw];
  return parts
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export function issueJson(state: SimState, issue: SimIssue, fieldIds: string[]) {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${state.url}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: Object.fromEntries(
      fieldIds.flatMap((id) => {
        const value = fieldValue(state, issue, id);
        return value === undefined ? [] : [[id, value]];
      }),
    ),
  };
}
