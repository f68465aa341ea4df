import type { UserRole } from './sim-records';
import type { SimState } from './sim-state';

/** Who a REST call runs as: the installed app (its add-on user) or a signed-in person. */
export type Actor = { kind: 'app' } | { kind: 'user'; accountId: string };

export const GLOBAL_PERMISSIONS = [
  'ADMINISTER',
  'SYSTEM_ADMIN',
  'USER_PICKER',
  'CREATE_SHARED_OBJECTS',
  'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
  'BULK_CHANGE',
] as const;

export const PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'SCHEDULE_ISSUES',
  'TRANSITION_ISSUES',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'LINK_ISSUES',
  'MOVE_ISSUES',
  'DELETE_ISSUES',
  'ADD_COMMENTS',
  'WORK_ON_ISSUES',
  'ADMINISTER_PROJECTS',
] as const;

const DEVELOPER_PROJECT = PROJECT_PERMISSIONS.filter(
  (permission) => !['DELETE_ISSUES', 'ADMINISTER_PROJECTS'].includes(permission),
);

const ROLE_GLOBAL: Record<UserRole, readonly string[]> = {
  admin: ['ADMINISTER', 'USER_PICKER', 'CREATE_SHARED_OBJECTS', 'BULK_CHANGE'],
  developer: ['USER_PICKER', 'CREATE_SHARED_OBJECTS'],
  viewer: ['USER_PICKER'],
  none: [],
};

const ROLE_PROJECT: Record<UserRole, readonly string[]> = {
  admin: PROJECT_PERMISSIONS,
  developer: DEVELOPER_PROJECT,
  viewer: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
  none: [],
};

export function isKnownPermission(permission: string): boolean {
  return (
    (GLOBAL_PERMISSIONS as readonly string[]).includes(permission) ||
    (PROJECT_PERMISSIONS as readonly string[]).includes(permission)
  );
}

/** A person Jira knows and whose account is still open; closed accounts hold no permissions. */
export function activeUser(state: SimState, accountId: string) {
  if (state.closedAccounts.has(accountId)) return undefined;
  return state.users.get(accountId);
}

export function globalPermissionsOf(state: SimState, actor: Actor): readonly string[] {
  // The app's add-on user is not a site admin, but it may use every API its scopes allow.
  if (actor.kind === 'app') return ['USER_PICKER', 'CREATE_SHARED_OBJECTS'];
  const user = activeUser(state, actor.accountId);
  return user ? ROLE_GLOBAL[user.role] : [];
}

export function projectPermissionsOf(
  state: SimState,
  actor: Actor,
  projectKey: string,
): readonly string[] {
  // Connect apps are granted every project permission through the add-on project role.
  if (actor.kind === 'app') return PROJECT_PERMISSIONS;
  const user = activeUser(state, actor.accountId);
  if (!user) return [];
  return ROLE_PROJECT[user.projectRoles?.[projectKey] ?? user.role];
}

export function hasProjectPermission(
  state: SimState,
  actor: Actor,
  projectKey: string,
  permission: string,
): boolean {
  return projectPermissionsOf(state, actor, projectKey).includes(permission);
}
