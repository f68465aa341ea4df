import { Router } from 'express';
import { sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import { globalPermissionsOf } from '../permission-model';
import type { SimState } from '../sim-state';

/**
 * The site's time-tracking settings. The two `configuration/timetracking` calls need the
 * Administer Jira global permission, as documented (the app's own user, without the ADMIN
 * scope, and other people get 403); the global settings (`configuration`) answer everyone. With time tracking off, the
 * provider call is "a successful but empty response" (204). U: the 403 wording.
 */
export function timeTrackingRouter(state: SimState): Router {
  const router = Router();
  const base = '/rest/api/3/configuration/timetracking';

  router.use(base, (_req, res, next) => {
    if (globalPermissionsOf(state, actorOf(res)).includes('ADMINISTER')) return next();
    sendJiraError(res, 403, [
      'You are not authorized to perform this action. Administrator privileges are required.',
    ]);
  });

  router.get(base, (_req, res) => {
    if (!state.timeTracking.enabled) return res.status(204).end();
    res.json({
      key: 'JIRA',
      name: 'JIRA provided time tracking',
      url: '/secure/admin/TimeTrackingAdmin!default.jspa',
    });
  });

  // Global settings: "Permission to access Jira" is all it needs, so every person and the app
  // user learn from it whether time tracking is on (and, when on, its working time).
  router.get('/rest/api/3/configuration', (_req, res) => {
    const { enabled, workingHoursPerDay, workingDaysPerWeek, timeFormat, defaultUnit } =
      state.timeTracking;
    res.json({
      votingEnabled: true,
      watchingEnabled: true,
      unassignedIssuesAllowed: true,
      subTasksEnabled: true,
      issueLinkingEnabled: true,
      timeTrackingEnabled: enabled,
      attachmentsEnabled: true,
      ...(enabled && {
        timeTrackingConfiguration: {
          workingHoursPerDay,
          workingDaysPerWeek,
          timeFormat,
          defaultUnit,
        },
      }),
    });
  });

  router.get(`${base}/options`, (_req, res) => {
    const { workingHoursPerDay, workingDaysPerWeek, timeFormat, defaultUnit } = state.timeTracking;
    res.json({ workingHoursPerDay, workingDaysPerWeek, timeFormat, defaultUnit });
  });

  return router;
}
