import { Router } from 'express';
import { sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import { globalPermissionsOf } from '../permission-model';
import type { SimState } from '../sim-state';

/**
 * The site's time-tracking settings. Both calls need the Administer Jira global permission, as
 * documented; the app's own user (no ADMIN scope) and other people get 403, so they learn
 * whether `timetracking` can be set from editmeta instead. With time tracking off, the
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

  router.get(`${base}/options`, (_req, res) => {
    const { workingHoursPerDay, workingDaysPerWeek, timeFormat, defaultUnit } = state.timeTracking;
    res.json({ workingHoursPerDay, workingDaysPerWeek, timeFormat, defaultUnit });
  });

  return router;
}
