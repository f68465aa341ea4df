import { randomUUID } from 'node:crypto';
import type { ForgeInstallation } from './forge/forge-app';
import type { RecordedRequest } from './request-log';
import { GUIDE_CLOSED_ACCOUNT_ID, SEED_USERS, seedFields, seedIssues, seedProjects } from './seed';
import { seedBoards, seedSprints } from './seed-agile';
import { ISSUE_TYPES, STATUSES, defaultTimeTracking } from './seed-planning';
import type {
  ChangeHistory,
  IndexedPropertyPath,
  Installation,
  SimBoard,
  SimField,
  SimIssue,
  SimIssueType,
  SimProject,
  SimSprint,
  SimStatus,
  SimUser,
  TimeTrackingSettings,
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
  issueTypes: SimIssueType[];
  statuses: SimStatus[];
  /** Jira Software: boards and their sprints. */
  boards: SimBoard[];
  sprints: SimSprint[];
  timeTracking: TimeTrackingSettings;
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

/** An issue by key or by numeric ID, as Jira's `{issueIdOrKey}` path parameters take it. */
export function findIssueByIdOrKey(state: SimState, idOrKey: string): SimIssue | undefined {
  return (
    findIssue(state, idOrKey) ?? [...state.issues.values()].find((each) => each.id === idOrKey)
  );
}

/** A project by key or ID (keys are case-sensitive in Jira's `{projectIdOrKey}`). */
export function findProjectByIdOrKey(state: SimState, idOrKey: string): SimProject | undefined {
  return state.projects.find((project) => project.key === idOrKey || project.id === idOrKey);
}

/**
 * The property paths JQL may search: what the installed Connect app's descriptor and the
 * installed Forge app's manifest declared. Nothing when neither app is installed.
 */
export function indexedPropertyPaths(state: SimState): IndexedPropertyPath[] {
  return [
    ...(state.installation?.indexedProperties ?? []),
    ...(state.forgeInstallation?.indexedProperties ?? []),
  ];
}

/** A fresh site with the seed data (users, fields, projects, issues, boards) and no app installed. */
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
    issueTypes: Object.values(ISSUE_TYPES).map((type) => ({ ...type })),
    statuses: Object.values(STATUSES).map((status) => ({ ...status })),
    boards: seedBoards(),
    sprints: seedSprints(),
    timeTracking: defaultTimeTracking(),
    changelog: [],
    requests: [],
  };
}
