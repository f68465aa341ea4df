import type {
  SimField,
  SimIssueType,
  SimStatus,
  StatusCategoryKey,
  TimeTrackingSettings,
} from './sim-records';

/**
 * The seed's planning vocabulary: issue types, statuses, the time-tracking fields and settings,
 * and the team-managed estimation feature. Kept apart from seed.ts (people, projects, issues),
 * which builds on it.
 */

export const ISSUE_TYPES = {
  story: {
    id: '10001',
    name: 'Story',
    description: 'Functionality or a feature expressed as a user goal.',
    subtask: false,
    hierarchyLevel: 0,
  },
  task: {
    id: '10002',
    name: 'Task',
    description: 'A small, distinct piece of work.',
    subtask: false,
    hierarchyLevel: 0,
  },
  subtask: {
    id: '10003',
    name: 'Sub-task',
    description: 'A small piece of work that is part of a larger task.',
    subtask: true,
    hierarchyLevel: -1,
  },
  bug: {
    id: '10004',
    name: 'Bug',
    description: 'A problem or error.',
    subtask: false,
    hierarchyLevel: 0,
  },
} as const satisfies Record<string, SimIssueType>;

/** Jira Cloud's default workflow statuses (their usual IDs). */
export const STATUSES = {
  toDo: { id: '10000', name: 'To Do', category: 'new' },
  inProgress: { id: '3', name: 'In Progress', category: 'indeterminate' },
  done: { id: '10001', name: 'Done', category: 'done' },
} as const satisfies Record<string, SimStatus>;

/** Jira's status categories: ID, name and colour by key. */
export const STATUS_CATEGORIES: Readonly<
  Record<StatusCategoryKey, { id: number; name: string; colorName: string }>
> = {
  new: { id: 2, name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, name: 'Done', colorName: 'green' },
};

/**
 * The feature key of a team-managed project's "Estimation" toggle in
 * `GET /rest/api/3/project/{key}/features`. Unconfirmed (U): Atlassian's reference documents
 * the shape but lists no keys; this is the key seen in public client code next to
 * `jsw.agility.sprints`.
 */
export const ESTIMATION_FEATURE = 'jsw.agility.estimation';

export const TIME_TRACKING_FIELDS = {
  timetracking: 'timetracking',
  original: 'timeoriginalestimate',
  remaining: 'timeestimate',
} as const;

/** Jira Cloud's defaults (8-hour day, 5-day week, "pretty" format, minutes for bare numbers). */
export function defaultTimeTracking(): TimeTrackingSettings {
  return {
    enabled: true,
    workingHoursPerDay: 8,
    workingDaysPerWeek: 5,
    timeFormat: 'pretty',
    defaultUnit: 'minute',
  };
}

function systemField(
  id: string,
  name: string,
  schema: SimField['schema'],
  extra: Partial<SimField> = {},
): SimField {
  return { id, key: id, name, custom: false, schema: { ...schema, system: id }, ...extra };
}

/**
 * Issue type, status, parent, sub-tasks and time tracking. Jira lists the two estimate fields
 * (numbers, in seconds) in `GET /field` too; the simulator leaves them out of that list
 * (`listed: false`) because the admin page offers every number field as an estimate field and
 * a number of seconds is not one (see fields.ts).
 */
export function planningFields(): SimField[] {
  return [
    systemField('issuetype', 'Issue Type', { type: 'issuetype' }),
    systemField('status', 'Status', { type: 'status' }),
    // The schema of `parent` in GET /field is unconfirmed (U).
    systemField('parent', 'Parent', { type: 'issuelink' }),
    systemField('subtasks', 'Sub-tasks', { type: 'array', items: 'issuelinks' }),
    systemField(
      TIME_TRACKING_FIELDS.timetracking,
      'Time tracking',
      { type: 'timetracking' },
      { timeTracking: true },
    ),
    systemField(
      TIME_TRACKING_FIELDS.original,
      'Original estimate',
      { type: 'number' },
      { timeTracking: true, listed: false },
    ),
    systemField(
      TIME_TRACKING_FIELDS.remaining,
      'Remaining Estimate',
      { type: 'number' },
      { timeTracking: true, listed: false },
    ),
  ];
}
