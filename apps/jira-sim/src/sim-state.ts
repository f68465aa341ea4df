import { randomUUID } from 'node:crypto';
import type { ForgeInstallation } from './forge/forge-app';
import type { RecordedRequest } from './request-log';
import { GUIDE_CLOSED_ACCOUNT_ID, SEED_USERS, seedFields, seedIssues, seedProjects } from './seed';
import type {
  ChangeHistory,
  Installation,
  SimField,
  SimIssue,
  SimProject,
  SimUser,
} from './sim-records';

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
