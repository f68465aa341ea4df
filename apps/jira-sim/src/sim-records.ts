/**
 * The records one simulated Jira site holds: people, fields, projects, issues, edits, the
 * Connect installation. Plain shapes only, and on purpose this file imports nothing of the
 * simulator: the seed data, the site state (sim-state.ts) and the code that reads or changes
 * them all depend on these shapes, so keeping them apart keeps the simulator free of cycles.
 */

/** What an installed app told the site at install time; set directly by tests as a hook. */
export interface Installation {
  appKey: string;
  sharedSecret: string;
  appBaseUrl?: string;
  lifecycle?: { installed?: string; uninstalled?: string };
  /** The descriptor's `jiraEntityProperties` extractions: what JQL may search (see jql-property.ts). */
  indexedProperties?: IndexedPropertyPath[];
}

/** One property path an installed app asked Jira to index for JQL. */
export interface IndexedPropertyPath {
  entityType: string;
  propertyKey: string;
  /** Dot-separated path into the property's JSON (`objectName` / Forge `path`). */
  path: string;
  type: 'number' | 'string' | 'text' | 'date' | 'user';
}

/** `none`: no permission at all (as a project override: may not even browse that project). */
export type UserRole = 'admin' | 'developer' | 'viewer' | 'none';

export interface SimUser {
  accountId: string;
  displayName: string;
  role: UserRole;
  /** Overrides `role` in one project, e.g. a developer who may only browse another team's work. */
  projectRoles?: Readonly<Record<string, UserRole>>;
}

export interface FieldSchema {
  type: string;
  system?: string;
  items?: string;
  custom?: string;
  customId?: number;
}

export interface SimField {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  schema: FieldSchema;
  /** Only for option fields: the values Jira would accept. */
  allowedValues?: string[];
  /** Exists only while the site's time tracking is on (timetracking, timeoriginalestimate…). */
  timeTracking?: boolean;
  /** False: served on issues but left out of `GET /field` (see fields.ts for why). */
  listed?: boolean;
}

export interface SimIssueType {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  /** 0 standard, -1 sub-task, 1 epic: Jira's issue hierarchy. */
  hierarchyLevel: number;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface SimStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

/** Jira Software's feature toggles of a project (`GET /project/{key}/features`). */
export type FeatureState = 'ENABLED' | 'DISABLED' | 'COMING_SOON';

export interface SimBoard {
  id: number;
  name: string;
  type: 'scrum' | 'kanban' | 'simple';
  /** The board's location (and, here, its filter: `project = <key>`). */
  projectKey: string;
  /** Board configuration's estimation statistic; null when the board estimates nothing. */
  estimationFieldId: string | null;
}

export interface SimSprint {
  id: number;
  name: string;
  state: 'closed' | 'active' | 'future';
  originBoardId: number;
  goal: string;
  /** Epoch ms; future sprints have none. */
  startDate?: number;
  endDate?: number;
  completeDate?: number;
  createdDate: number;
  /** The issues in the sprint, by key. */
  issueKeys: string[];
}

/** The site's time-tracking settings (Jira admin → Time tracking). */
export interface TimeTrackingSettings {
  enabled: boolean;
  workingHoursPerDay: number;
  workingDaysPerWeek: number;
  timeFormat: 'pretty' | 'days' | 'hours';
  defaultUnit: 'minute' | 'hour' | 'day' | 'week';
}

export interface SimProject {
  id: string;
  key: string;
  name: string;
  /** Team-managed projects are "simplified" in Jira's API. */
  simplified: boolean;
  /** Field IDs on the project's edit screen: only these can be set through the API. */
  editScreen: string[];
  /** An issue type (by ID) whose edit screen differs from `editScreen`. */
  issueTypeScreens?: Readonly<Record<string, string[]>>;
  /**
   * Team-managed only: the estimation field the project's "Estimation" feature puts on (and
   * takes off) every screen, and the state of each feature by key.
   */
  estimationFieldId?: string;
  features?: Record<string, FeatureState>;
}

export interface SimIssue {
  id: string;
  key: string;
  projectKey: string;
  createdAt: number;
  /**
   * Stored values by field ID (summary, description, labels, assignee, customfield_…; issuetype
   * and status by ID, parent by issue key, timeoriginalestimate/timeestimate in seconds).
   */
  fields: Record<string, unknown>;
  /** Issue entity properties by key, in the order they were first set. */
  properties?: Record<string, unknown>;
}

/** One changed field of an edit, as Jira's ChangeDetails. */
export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** One edit of an issue: who, when, what (changelog.ts records and pages them). */
export interface ChangeHistory {
  id: string;
  issueId: string;
  /** A person's account ID, or the app user's (appUserAccountId) for the app's own calls. */
  authorAccountId: string;
  /** Epoch ms. */
  created: number;
  items: ChangeItem[];
}
