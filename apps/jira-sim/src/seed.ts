import {
  ESTIMATION_FEATURE,
  ISSUE_TYPES,
  STATUSES,
  TIME_TRACKING_FIELDS,
  planningFields,
} from './seed-planning';
import type { SimField, SimIssue, SimProject, SimUser } from './sim-records';

/**
 * The people on every simulated site. Account IDs are global at Atlassian, so every simulator
 * instance uses the same ones (both of Atlassian's formats appear: 24 hex digits and `557058:uuid`).
 */
export const SEED_USERS = {
  alice: {
    accountId: '5f3a9c1e2b7d4a0012c4e8a1',
    displayName: 'Alice Admin',
    role: 'admin',
  },
  bob: { accountId: '5f3a9c1e2b7d4a0012c4e8b2', displayName: 'Bob Builder', role: 'developer' },
  carol: {
    accountId: '557058:0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
    displayName: 'Carol Chen',
    role: 'developer',
  },
  /** May browse every issue but edit none (no EDIT_ISSUES anywhere). */
  dave: { accountId: '5f3a9c1e2b7d4a0012c4e8d4', displayName: 'Dave Viewer', role: 'viewer' },
  erin: {
    accountId: '712020:8d2f4a6b-1c3e-4f5a-9b7c-2d4e6f8a0b1c',
    displayName: 'Erin Ellis',
    role: 'developer',
  },
  /** Edits TEAM issues but may only browse PROJ. */
  frank: {
    accountId: '5f3a9c1e2b7d4a0012c4e8f6',
    displayName: 'Frank Fischer',
    role: 'developer',
    projectRoles: { PROJ: 'viewer' },
  },
  /** Edits PROJ issues but may not even browse TEAM (Jira hides its issues from her). */
  gina: {
    accountId: '5f3a9c1e2b7d4a0012c4e8e7',
    displayName: 'Gina Guest',
    role: 'developer',
    projectRoles: { TEAM: 'none' },
  },
} as const satisfies Record<string, SimUser>;

/** The account IDs Atlassian's privacy guide gives for testing the reporting API. */
export const GUIDE_ACTIVE_ACCOUNT_ID = '5be24ad8b1653240376955d2';
export const GUIDE_CLOSED_ACCOUNT_ID = '5be24ba3f91c106033269289';

export const STORY_POINTS_FIELD = 'customfield_10016';
export const STORY_POINT_ESTIMATE_FIELD = 'customfield_10026';
export const BUSINESS_VALUE_FIELD = 'customfield_10050';
export const TEAM_FIELD = 'customfield_10060';

const FLOAT = 'com.atlassian.jira.plugin.system.customfieldtypes:float';

function customField(id: number, name: string, type: string, custom: string): SimField {
  const fieldId = `customfield_${id}`;
  return { id: fieldId, key: fieldId, name, custom: true, schema: { type, custom, customId: id } };
}

function systemField(id: string, name: string, type: string, items?: string): SimField {
  return {
    id,
    key: id,
    name,
    custom: false,
    schema: { type, system: id, ...(items && { items }) },
  };
}

export function seedFields(): SimField[] {
  return [
    systemField('summary', 'Summary', 'string'),
    systemField('description', 'Description', 'string'),
    systemField('labels', 'Labels', 'array', 'string'),
    systemField('assignee', 'Assignee', 'user'),
    systemField('project', 'Project', 'project'),
    systemField('created', 'Created', 'datetime'),
    customField(10016, 'Story Points', 'number', FLOAT),
    customField(
      10026,
      'Story point estimate',
      'number',
      'com.pyxis.greenhopper.jira:jsw-story-points',
    ),
    customField(10050, 'Business Value', 'number', FLOAT),
    {
      ...customField(
        10060,
        'Team',
        'option',
        'com.atlassian.jira.plugin.system.customfieldtypes:select',
      ),
      allowedValues: ['Platform', 'Payments', 'Mobile'],
    },
    ...planningFields(),
  ];
}

/**
 * PROJ (company-managed; its Sub-task screen lacks Story Points, as when the field's context
 * leaves sub-tasks out), TEAM (team-managed, estimation on) and OPS (team-managed, estimation
 * off, so its screens lack the Story point estimate). Time tracking is on PROJ's and TEAM's.
 */
export function seedProjects(): SimProject[] {
  const common = ['summary', 'description', 'labels'];
  return [
    {
      id: '10000',
      key: 'PROJ',
      name: 'Project Phoenix',
      simplified: false,
      editScreen: [...common, STORY_POINTS_FIELD, TIME_TRACKING_FIELDS.timetracking],
      issueTypeScreens: {
        [ISSUE_TYPES.subtask.id]: [...common, TIME_TRACKING_FIELDS.timetracking],
      },
    },
    {
      id: '10001',
      key: 'TEAM',
      name: 'Team Falcon',
      simplified: true,
      editScreen: [...common, STORY_POINT_ESTIMATE_FIELD, TIME_TRACKING_FIELDS.timetracking],
      estimationFieldId: STORY_POINT_ESTIMATE_FIELD,
      features: { [ESTIMATION_FEATURE]: 'ENABLED' },
    },
    {
      id: '10002',
      key: 'OPS',
      name: 'Ops Owl',
      simplified: true,
      editScreen: [...common],
      estimationFieldId: STORY_POINT_ESTIMATE_FIELD,
      features: { [ESTIMATION_FEATURE]: 'DISABLED' },
    },
  ];
}

const PROJ_SUMMARIES = [
  'Set up CI pipeline for the checkout service',
  'Add password reset by email',
  'Migrate invoices table to UUID primary keys',
  'Show order history on the account page',
  'Rate-limit the public search endpoint',
  'Fix timezone bug in weekly report export',
  'Support Apple Pay in checkout',
  'Add audit log for admin actions',
  'Cache product images at the CDN edge',
  'Localise checkout into German and French',
  'Remove deprecated v1 orders API',
  'Alert on failed nightly backups',
  'Let customers download invoices as PDF',
  'Split monolith config into per-service files',
  'Design the password reset email',
  'Add feature flags for gradual rollouts',
  'Write the CI workflow file',
  'Cache dependencies between CI runs',
  'Track conversion funnel events',
  'Write runbook for payment provider outages',
];

const TEAM_SUMMARIES = [
  'Design onboarding flow for new teams',
  'Add dark mode to the mobile app',
  'Offline sync for draft notes',
  'Push notifications for mentions',
  'Reduce app start-up time below two seconds',
  'Accessibility audit of the settings screen',
  'Export boards to CSV',
  'Invite teammates by link',
  'Sketch the welcome screen',
  'Weekly digest email',
];

const OPS_SUMMARIES = [
  'Rotate the on-call schedule for December',
  'Renew the TLS certificate of the status page',
  'Archive logs older than 90 days',
  'Patch the bastion host',
  'Document the incident review checklist',
];

/** A short description in Atlassian Document Format, as REST v3 returns it. */
function adf(text: string): object {
  return {
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  };
}

const SEED_EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sub-tasks among the original issues (keys and ids unchanged; end-to-end tests count the issues
 * of PROJ and TEAM, so sub-tasks could not be added as new issues there): key → parent key.
 */
export const SEED_SUBTASKS: Readonly<Record<string, string>> = {
  'PROJ-15': 'PROJ-2',
  'PROJ-17': 'PROJ-1',
  'PROJ-18': 'PROJ-1',
  'TEAM-9': 'TEAM-1',
};

/** Done in the closed sprint, and a few under way in the active ones. */
const DONE = new Set(['PROJ-11', 'PROJ-12']);
const IN_PROGRESS = new Set(['PROJ-2', 'PROJ-4', 'PROJ-17', 'TEAM-3']);

/** Story, Bug or Task by number (Sub-task when listed above). */
function typeAndStatus(key: string, number: number) {
  const parent = SEED_SUBTASKS[key];
  const type = parent
    ? ISSUE_TYPES.subtask
    : [ISSUE_TYPES.story, ISSUE_TYPES.story, ISSUE_TYPES.bug, ISSUE_TYPES.task][number % 4];
  const status = DONE.has(key)
    ? STATUSES.done
    : IN_PROGRESS.has(key)
      ? STATUSES.inProgress
      : STATUSES.toDo;
  return { issuetype: type.id, status: status.id, parent: parent ?? null };
}

/**
 * PROJ-1..PROJ-20 (ids 10001–10020), TEAM-1..TEAM-10 (ids 10021–10030) and OPS-1..OPS-5 (ids
 * 10031–10035), oldest first.
 */
export function seedIssues(): SimIssue[] {
  const developers = [SEED_USERS.bob, SEED_USERS.carol, SEED_USERS.erin, SEED_USERS.frank];
  const build = (projectKey: string, summaries: string[], firstId: number, estimateField: string) =>
    summaries.map((summary, index): SimIssue => {
      const number = index + 1;
      const key = `${projectKey}-${number}`;
      return {
        id: String(firstId + index),
        key,
        projectKey,
        createdAt: SEED_EPOCH + (firstId - 10001 + index) * DAY_MS,
        fields: {
          summary,
          description: adf(`${summary}. Acceptance criteria are in the linked design doc.`),
          labels: number % 3 === 0 ? ['backend'] : [],
          assignee: number % 4 === 0 ? null : developers[index % developers.length].accountId,
          // A few issues already carry an estimate, so "re-estimate" paths can be exercised.
          [estimateField]: number % 5 === 0 ? number / 5 + 2 : null,
          ...typeAndStatus(key, number),
        },
      };
    });
  return [
    ...build('PROJ', PROJ_SUMMARIES, 10001, STORY_POINTS_FIELD),
    ...build('TEAM', TEAM_SUMMARIES, 10021, STORY_POINT_ESTIMATE_FIELD),
    // OPS estimates nothing: its estimation is off, so no story point estimate is ever set.
    ...build('OPS', OPS_SUMMARIES, 10031, STORY_POINT_ESTIMATE_FIELD).map((issue) => {
      delete issue.fields[STORY_POINT_ESTIMATE_FIELD];
      return issue;
    }),
  ];
}
