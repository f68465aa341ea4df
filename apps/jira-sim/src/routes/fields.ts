import { Router } from 'express';
import type { SimState } from '../sim-state';

/**
 * GET /rest/api/3/field: every field of the site, system and custom; the time-tracking fields
 * only while time tracking is on. Known deviation: Jira also lists `timeoriginalestimate` and
 * `timeestimate` (numbers of seconds); they are left out (`listed: false`) because the app's
 * admin page offers every number field as an estimate field.
 */
export function fieldsRouter(state: SimState): Router {
  const router = Router();
  router.get('/rest/api/3/field', (_req, res) => {
    const fields = state.fields.filter(
      (field) => field.listed !== false && (state.timeTracking.enabled || !field.timeTracking),
    );
    res.json(
      fields.map(({ id, key, name, custom, schema }) => ({
        id,
        key,
        name,
        untranslatedName: name,
        custom,
        orderable: id !== 'created',
        navigable: true,
        searchable: true,
        clauseNames: custom ? [`cf[${schema.customId}]`, name] : [id],
        schema,
      })),
    );
  });
  return router;
}
