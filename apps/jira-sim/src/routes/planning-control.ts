import express, { Router } from 'express';
import type { FeatureState } from '../sim-records';
import { findField, findIssue, findProject, type SimState } from '../sim-state';

const FEATURE_STATES: readonly FeatureState[] = ['ENABLED', 'DISABLED', 'COMING_SOON'];

/**
 * `/_sim/*` for the planning settings a Jira admin would change: time tracking, a project's
 * features, a board's estimation field; and a look at an issue's entity properties.
 * Unauthenticated and unrecorded, like every control route.
 */
export function planningControlRouter(state: SimState): Router {
  const router = Router();
  router.use('/_sim', express.json());

  // Body: { enabled?, workingHoursPerDay?, workingDaysPerWeek?, defaultUnit?, timeFormat? }.
  router.put('/_sim/time-tracking', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const settings = state.timeTracking;
    if (typeof body.enabled === 'boolean') settings.enabled = body.enabled;
    if (typeof body.workingHoursPerDay === 'number' && body.workingHoursPerDay > 0) {
      settings.workingHoursPerDay = body.workingHoursPerDay;
    }
    if (typeof body.workingDaysPerWeek === 'number' && body.workingDaysPerWeek > 0) {
      settings.workingDaysPerWeek = body.workingDaysPerWeek;
    }
    if (['minute', 'hour', 'day', 'week'].includes(body.defaultUnit as string)) {
      settings.defaultUnit = body.defaultUnit as typeof settings.defaultUnit;
    }
    if (['pretty', 'days', 'hours'].includes(body.timeFormat as string)) {
      settings.timeFormat = body.timeFormat as typeof settings.timeFormat;
    }
    res.json(settings);
  });

  router.put('/_sim/projects/:key/features/:feature', (req, res) => {
    const project = findProject(state, req.params.key.toUpperCase());
    if (!project) return res.status(404).json({ error: `No project ${req.params.key}` });
    const wanted = (req.body as { state?: unknown } | undefined)?.state;
    if (!FEATURE_STATES.includes(wanted as FeatureState)) {
      return res.status(400).json({ error: `state must be one of ${FEATURE_STATES.join(', ')}` });
    }
    project.features = { ...project.features, [req.params.feature]: wanted as FeatureState };
    res.status(204).end();
  });

  // Body: { fieldId: 'customfield_…' | null } (null: the board estimates by issue count).
  router.put('/_sim/boards/:id/estimation', (req, res) => {
    const board = state.boards.find((each) => String(each.id) === req.params.id);
    if (!board) return res.status(404).json({ error: `No board ${req.params.id}` });
    const fieldId = (req.body as { fieldId?: unknown } | undefined)?.fieldId;
    if (fieldId !== null && (typeof fieldId !== 'string' || !findField(state, fieldId))) {
      return res.status(400).json({ error: 'fieldId must be a field of this site, or null' });
    }
    board.estimationFieldId = fieldId;
    res.status(204).end();
  });

  router.get('/_sim/issues/:key/properties', (req, res) => {
    const issue = findIssue(state, req.params.key);
    if (!issue) return res.status(404).json({ error: `No issue ${req.params.key}` });
    res.json(issue.properties ?? {});
  });

  return router;
}
