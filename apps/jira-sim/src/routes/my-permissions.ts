import { Router } from 'express';
import { sendJiraError, ISSUE_NOT_FOUND } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import {
  GLOBAL_PERMISSIONS,
  globalPermissionsOf,
  hasProjectPermission,
  isKnownPermission,
} from '../permission-model';
import { findIssueByIdOrKey, findProjectByIdOrKey, type SimState } from '../sim-state';
import { projectNotFound } from './projects';

/** Jira's permission IDs (as `GET /permissions` lists them). */
const PERMISSION_IDS: Readonly<Record<string, string>> = {
  ADMINISTER: '0',
  BROWSE_PROJECTS: '10',
  CREATE_ISSUES: '11',
  EDIT_ISSUES: '12',
  ASSIGN_ISSUES: '13',
  RESOLVE_ISSUES: '14',
  ADD_COMMENTS: '15',
  DELETE_ISSUES: '16',
  ASSIGNABLE_USER: '17',
  CLOSE_ISSUES: '18',
  WORK_ON_ISSUES: '20',
  LINK_ISSUES: '21',
  CREATE_SHARED_OBJECTS: '22',
  ADMINISTER_PROJECTS: '23',
  MANAGE_GROUP_FILTER_SUBSCRIPTIONS: '24',
  MOVE_ISSUES: '25',
  USER_PICKER: '27',
  SCHEDULE_ISSUES: '28',
  BULK_CHANGE: '33',
  SYSTEM_ADMIN: '44',
  TRANSITION_ISSUES: '46',
};

const title = (key: string) =>
  key
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');

/**
 * `GET /rest/api/3/mypermissions?permissions=EDIT_ISSUES,BROWSE_PROJECTS&issueKey=PROJ-1`: the
 * caller's own permissions, in an issue's or project's context (`issueKey`/`issueId`,
 * `projectKey`/`projectId`), or without one (a project permission then counts when held in
 * any project). An issue or project the caller may not browse answers 404 like a missing one.
 * U: the 400 wordings.
 */
export function myPermissionsRouter(state: SimState): Router {
  const router = Router();
  router.get('/rest/api/3/mypermissions', (req, res) => {
    const query = req.query as Record<string, unknown>;
    const actor = actorOf(res);
    const asked =
      typeof query.permissions === 'string'
        ? query.permissions
            .split(',')
            .map((each) => each.trim())
            .filter(Boolean)
        : [];
    if (asked.length === 0) {
      return sendJiraError(res, 400, ["The 'permissions' query parameter is required."]);
    }
    const unknown = asked.filter((permission) => !isKnownPermission(permission));
    if (unknown.length > 0) {
      return sendJiraError(res, 400, [`Unrecognized permission keys: ${unknown.join(', ')}`]);
    }
    let projectKeys = state.projects.map((project) => project.key);
    const issueRef = query.issueKey ?? query.issueId;
    const projectRef = query.projectKey ?? query.projectId;
    if (typeof issueRef === 'string') {
      const issue = findIssueByIdOrKey(state, issueRef);
      if (!issue || !hasProjectPermission(state, actor, issue.projectKey, 'BROWSE_PROJECTS')) {
        return sendJiraError(res, 404, [ISSUE_NOT_FOUND]);
      }
      projectKeys = [issue.projectKey];
    } else if (typeof projectRef === 'string') {
      const project = findProjectByIdOrKey(state, projectRef);
      if (!project || !hasProjectPermission(state, actor, project.key, 'BROWSE_PROJECTS')) {
        return sendJiraError(res, 404, [projectNotFound(projectRef)]);
      }
      projectKeys = [project.key];
    }
    const global = globalPermissionsOf(state, actor);
    const entries = asked.map((key): [string, object] => {
      const isGlobal = (GLOBAL_PERMISSIONS as readonly string[]).includes(key);
      const have = isGlobal
        ? global.includes(key)
        : projectKeys.some((projectKey) => hasProjectPermission(state, actor, projectKey, key));
      return [
        key,
        {
          id: PERMISSION_IDS[key] ?? key,
          key,
          name: title(key),
          type: isGlobal ? 'GLOBAL' : 'PROJECT',
          description: '',
          havePermission: have,
        },
      ];
    });
    res.json({ permissions: Object.fromEntries(entries) });
  });
  return router;
}
