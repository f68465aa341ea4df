import { Router } from 'express';
import { appUserAccountId } from '../changelog';
import { userJson } from '../jira-json';
import { sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import type { SimState } from '../sim-state';

/** Jira answers at most this many IDs in one bulk call. */
const MAX_BULK_IDS = 200;

function intParam(raw: unknown, fallback: number): number {
  const value = typeof raw === 'string' ? Number.parseInt(raw, 10) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Bulk user lookup, single user and "myself": how the browser turns account IDs into names. */
export function usersRouter(state: SimState): Router {
  const router = Router();

  router.get('/rest/api/3/user/bulk', (req, res) => {
    const raw = req.query.accountId;
    const ids = [
      ...new Set((Array.isArray(raw) ? raw : [raw]).filter((id) => typeof id === 'string')),
    ];
    if (ids.length === 0)
      return sendJiraError(res, 400, ['You must specify at least one accountId.']);
    if (ids.length > MAX_BULK_IDS) {
      return sendJiraError(res, 400, [`You can request at most ${MAX_BULK_IDS} accountIds.`]);
    }
    // Jira's default page is only 10 users: callers with more members must pass maxResults.
    const startAt = intParam(req.query.startAt, 0);
    const maxResults = Math.max(1, intParam(req.query.maxResults, 10));
    const found = ids.flatMap((id) => userJson(state, id) ?? []);
    res.json({
      self: `${state.url}${req.originalUrl}`,
      maxResults,
      startAt,
      total: found.length,
      isLast: startAt + maxResults >= found.length,
      values: found.slice(startAt, startAt + maxResults),
    });
  });

  router.get('/rest/api/3/user', (req, res) => {
    const accountId = typeof req.query.accountId === 'string' ? req.query.accountId : '';
    const user = userJson(state, accountId);
    if (!user) {
      return sendJiraError(res, 404, [
        'Specified user does not exist or you do not have required permissions',
      ]);
    }
    res.json(user);
  });

  router.get('/rest/api/3/myself', (_req, res) => {
    const actor = actorOf(res);
    if (actor.kind === 'user') return res.json(userJson(state, actor.accountId));
    // An app's JWT acts as the app's own add-on user.
    res.json({
      accountId: appUserAccountId(state),
      accountType: 'app',
      displayName: state.installation?.appKey ?? 'app',
      active: true,
    });
  });

  return router;
}
