import { Router } from 'express';
import { sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import {
  globalPermissionsOf,
  hasProjectPermission,
  isKnownPermission,
  type Actor,
} from '../permission-model';
import type { SimState } from '../sim-state';

interface ProjectPermissionQuery {
  permissions?: unknown;
  issues?: unknown;
  projects?: unknown;
}

interface CheckBody {
  accountId?: unknown;
  globalPermissions?: unknown;
  projectPermissions?: unknown;
}

/** Jira checks at most this many issues and projects in one call. */
const MAX_IDS = 1000;

const strings = (raw: unknown): string[] =>
  Array.isArray(raw)
    ? raw.filter((item): item is string => typeof item === 'string' && item !== '')
    : [];

/** Jira ignores nulls and IDs it does not know; numeric strings are read as numbers. */
const ids = (raw: unknown): number[] =>
  Array.isArray(raw) ? raw.map(Number).filter((id) => Number.isInteger(id)) : [];

/**
 * Bulk permission check. Like Jira: the app's JWT may ask about anyone, a person about
 * themselves, and only a site admin about someone else.
 */
export function permissionsRouter(state: SimState): Router {
  const router = Router();
  router.post('/rest/api/3/permissions/check', (req, res) => {
    const body = (req.body ?? {}) as CheckBody;
    const caller = actorOf(res);
    let subject: Actor = caller;
    if (typeof body.accountId === 'string') {
      const asksAboutOther = caller.kind === 'user' && caller.accountId !== body.accountId;
      if (asksAboutOther && !globalPermissionsOf(state, caller).includes('ADMINISTER')) {
        return sendJiraError(res, 403, [
          "You don't have permission to check other users' permissions.",
        ]);
      }
      if (!state.users.has(body.accountId)) {
        return sendJiraError(res, 404, [
          'Specified user does not exist or you do not have required permissions',
        ]);
      }
      subject = { kind: 'user', accountId: body.accountId };
    }
    const queries = Array.isArray(body.projectPermissions)
      ? (body.projectPermissions as ProjectPermissionQuery[])
      : [];
    const requested = [
      ...strings(body.globalPermissions),
      ...queries.flatMap((q) => strings(q?.permissions)),
    ];
    const unknown = requested.filter((permission) => !isKnownPermission(permission));
    if (unknown.length > 0) {
      return sendJiraError(res, 400, [`Unrecognized permission keys: ${unknown.join(', ')}`]);
    }
    const issueCount = queries.reduce((sum, q) => sum + ids(q?.issues).length, 0);
    const projectCount = queries.reduce((sum, q) => sum + ids(q?.projects).length, 0);
    if (issueCount > MAX_IDS || projectCount > MAX_IDS) {
      return sendJiraError(res, 400, [
        `At most ${MAX_IDS} issues and ${MAX_IDS} projects can be checked.`,
      ]);
    }

    const held = globalPermissionsOf(state, subject);
    const grants = new Map<string, { issues: Set<number>; projects: Set<number> }>();
    for (const query of queries) {
      for (const permission of strings(query?.permissions)) {
        const grant = grants.get(permission) ?? { issues: new Set(), projects: new Set() };
        grants.set(permission, grant);
        for (const id of ids(query.issues)) {
          const issue = [...state.issues.values()].find((each) => Number(each.id) === id);
          if (issue && hasProjectPermission(state, subject, issue.projectKey, permission)) {
            grant.issues.add(id);
          }
        }
        for (const id of ids(query.projects)) {
          const project = state.projects.find((each) => Number(each.id) === id);
          if (project && hasProjectPermission(state, subject, project.key, permission)) {
            grant.projects.add(id);
          }
        }
      }
    }
    res.json({
      globalPermissions: strings(body.globalPermissions).filter((permission) =>
        held.includes(permission),
      ),
      // A permission held on none of the asked issues or projects is left out entirely.
      projectPermissions: [...grants]
        .filter(([, grant]) => grant.issues.size + grant.projects.size > 0)
        .map(([permission, grant]) => ({
          permission,
          issues: [...grant.issues],
          projects: [...grant.projects],
        })),
    });
  });
  return router;
}
