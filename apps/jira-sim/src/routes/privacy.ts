import { Router } from 'express';
import { sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import type { SimState } from '../sim-state';

/** Atlassian's limit per report call. */
const MAX_ACCOUNTS = 90;

/** Atlassian's default reporting cycle, sent with every answer. */
const CYCLE_PERIOD = 'P7D';

interface ReportedAccount {
  accountId?: unknown;
  updatedAt?: unknown;
}

function isValidAccount(account: ReportedAccount): boolean {
  return (
    typeof account?.accountId === 'string' &&
    account.accountId !== '' &&
    typeof account.updatedAt === 'string' &&
    !Number.isNaN(Date.parse(account.updatedAt))
  );
}

/**
 * Personal data reporting for Connect apps, on the site's own base URL with the app JWT:
 * 204 when nothing changed, 200 listing the accounts that were closed since.
 */
export function privacyRouter(state: SimState): Router {
  const router = Router();
  router.post('/app/report-accounts', (req, res) => {
    // A planned fault may announce another period (faults.ts); otherwise Atlassian's default.
    if (!res.hasHeader('Cycle-Period')) res.setHeader('Cycle-Period', CYCLE_PERIOD);
    if (actorOf(res).kind !== 'app') {
      return sendJiraError(res, 401, ['Only apps may report accounts, with their JWT.']);
    }
    const accounts = (req.body as { accounts?: unknown } | undefined)?.accounts;
    if (!Array.isArray(accounts) || accounts.length === 0) {
      return sendJiraError(res, 400, ["'accounts' must be a non-empty array."]);
    }
    if (accounts.length > MAX_ACCOUNTS) {
      return sendJiraError(res, 400, [`At most ${MAX_ACCOUNTS} accounts may be reported at once.`]);
    }
    if (!accounts.every((account) => isValidAccount(account as ReportedAccount))) {
      return sendJiraError(res, 400, [
        'Each account needs an accountId and an ISO 8601 updatedAt.',
      ]);
    }
    const closed = (accounts as { accountId: string }[]).filter((account) =>
      state.closedAccounts.has(account.accountId),
    );
    if (closed.length === 0) return res.status(204).end();
    res.json({ accounts: closed.map(({ accountId }) => ({ accountId, status: 'closed' })) });
  });
  return router;
}
