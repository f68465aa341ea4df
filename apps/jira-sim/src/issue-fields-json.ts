import { STATUS_CATEGORIES, TIME_TRACKING_FIELDS } from './seed-planning';
import type { SimIssue, SimIssueType, SimStatus } from './sim-records';
import { findIssue, type SimState } from './sim-state';
import { formatDuration } from './time-tracking';

/** Issue type, status, parent, sub-tasks and time tracking as Jira's issue JSON shows them. */

export function issueTypeJson(state: SimState, type: SimIssueType) {
  return {
    self: `${state.url}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${state.url}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function statusJson(state: SimState, status: SimStatus) {
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${state.url}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${state.url}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${state.url}/rest/api/3/statuscategory/${category.id}`,
      id: category.id,
      key: status.category,
      colorName: category.colorName,
      name: category.name,
    },
  };
}

function typeOf(state: SimState, issue: SimIssue) {
  const type = state.issueTypes.find((each) => each.id === issue.fields.issuetype);
  return type ? issueTypeJson(state, type) : null;
}

function statusOf(state: SimState, issue: SimIssue) {
  const status = state.statuses.find((each) => each.id === issue.fields.status);
  return status ? statusJson(state, status) : null;
}

/** How Jira shows a linked issue in `parent` and `subtasks`: a few fields only. */
function issueRefJson(state: SimState, issue: SimIssue) {
  return {
    id: issue.id,
    key: issue.key,
    self: `${state.url}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.fields.summary ?? null,
      status: statusOf(state, issue),
      // The site has no priorities configured; Jira's default is Medium (ID 3).
      priority: {
        self: `${state.url}/rest/api/3/priority/3`,
        iconUrl: `${state.url}/images/icons/priorities/medium.svg`,
        name: 'Medium',
        id: '3',
      },
      issuetype: typeOf(state, issue),
    },
  };
}

function secondsOf(issue: SimIssue, fieldId: string): number | undefined {
  const value = issue.fields[fieldId];
  return typeof value === 'number' ? value : undefined;
}

/** `timetracking`: `{}` until an estimate is set, then text and seconds side by side. */
function timetrackingJson(state: SimState, issue: SimIssue) {
  const original = secondsOf(issue, TIME_TRACKING_FIELDS.original);
  const remaining = secondsOf(issue, TIME_TRACKING_FIELDS.remaining);
  const text = (seconds: number) => formatDuration(seconds, state.timeTracking);
  return {
    ...(original !== undefined && { originalEstimate: text(original) }),
    ...(remaining !== undefined && { remainingEstimate: text(remaining) }),
    ...(original !== undefined && { originalEstimateSeconds: original }),
    ...(remaining !== undefined && { remainingEstimateSeconds: remaining }),
  };
}

/** The fields this file renders (planningFieldValue). */
export const PLANNING_FIELD_IDS: ReadonlySet<string> = new Set([
  'issuetype',
  'status',
  'parent',
  'subtasks',
  ...Object.values(TIME_TRACKING_FIELDS),
]);

/** The value of one of PLANNING_FIELD_IDS; undefined (left out, as Jira does) for no parent. */
export function planningFieldValue(state: SimState, issue: SimIssue, fieldId: string): unknown {
  switch (fieldId) {
    case 'issuetype':
      return typeOf(state, issue);
    case 'status':
      return statusOf(state, issue);
    case 'parent': {
      const parent =
        typeof issue.fields.parent === 'string' ? findIssue(state, issue.fields.parent) : undefined;
      return parent ? issueRefJson(state, parent) : undefined;
    }
    case 'subtasks':
      return [...state.issues.values()]
        .filter((each) => each.fields.parent === issue.key)
        .map((each) => issueRefJson(state, each));
    case TIME_TRACKING_FIELDS.timetracking:
      return timetrackingJson(state, issue);
    case TIME_TRACKING_FIELDS.original:
    case TIME_TRACKING_FIELDS.remaining:
      return secondsOf(issue, fieldId) ?? null;
    default:
      return undefined;
  }
}
