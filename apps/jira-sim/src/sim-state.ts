import { randomUUID } from 'node:crypto';
import type { ChangeHistory } from './changelog';
import type { ForgeInstallation } from './forge/forge-app';
import type { RecordedRequest } from './request-log';
import { GUIDE_CLOSED_ACCOUNT_ID, SEED_USERS, seedFields, seedIssues, seedProjects } from './seed';

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

/** Everything one simulated Jira Cloud site holds; mutable on purpose so tests can arrange it. */
export interface SimState {
  clientKey: string;
  url: string;
  cloudId: string;
  installation?: Installation;
  /** The Forge installation (forge.install()); independent of the Connect one. */
  forgeInstallation?: ForgeInstallation;
  users: Map<string, SimUser>;
  closedAccounts: Set<string>;
  fields: SimField[];
  projects: SimProject[];
  issues: Map<string, SimIssue>;
  /** Every issue edit, oldest first (`GET /rest/api/3/issue/{key}/changelog`). */
  changelog: ChangeHistory[];
  requests: RecordedRequest[];
}

export function findProject(state: SimState, key: string): SimProject | undefined {
  return state.projects.find((project) => project.key === key);
}

export function findField(state: SimState, id: string): SimField | undefined {
  return state.fields.find((field) => field.id === id);
}

export function findIssue(state: SimState, key: string): SimIssue | undefined {
  return state.issues.get(key.toUpperCase());
}

/** A fresh site with the seed data (users, fields, PROJ and TEAM issues) and no app installed. */
export function createSimState(clientKey: string, url: string, cloudId?: string): SimState {
  return {
    clientKey,
    url,
    cloudId: cloudId ?? randomUUID(),
    users: new Map(Object.values(SEED_USERS).map((user) => [user.accountId, { ...user }])),
    // Atlassian's guide promises this test account is always reported closed.
    closedAccounts: new Set([GUIDE_CLOSED_ACCOUNT_ID]),
    fields: seedFields(),
    projects: seedProjects(),
    issues: new Map(seedIssues().map((issue) => [issue.key, issue])),
    changelog: [],
    requests: [],
  };
}
