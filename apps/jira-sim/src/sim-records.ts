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
}

export interface SimProject {
  id: string;
  key: string;
  name: string;
  /** Team-managed projects are "simplified" in Jira's API. */
  simplified: boolean;
  /** Field IDs on the project's edit screen: only these can be set through the API. */
  editScreen: string[];
}

export interface SimIssue {
  id: string;
  key: string;
  projectKey: string;
  createdAt: number;
  /** Stored values by field ID (summary, description, labels, assignee, customfield_…). */
  fields: Record<string, unknown>;
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
