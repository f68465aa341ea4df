import { Router } from 'express';
import type { SimState } from '../sim-state';

/** GET /rest/api/3/field: every field of the site, system and custom. */
export function fieldsRouter(state: SimState): Router {
  const router = Router();
  router.get('/rest/api/3/field', (_req, res) => {
    res.json(
      state.fields.map(({ id, key, name, custom, schema }) => ({
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
