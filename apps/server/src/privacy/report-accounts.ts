import { z } from 'zod';

/**
 * Atlassian's personal data reporting API for Connect apps: POSTed to the site's own base URL
 * with the app JWT, at most 90 accounts a call. 204 means nothing to do; 200 lists the accounts
 * that changed, `closed` ones must be erased (`updated` asks nothing of us: we keep no names).
 */
export const REPORT_ACCOUNTS_PATH = '/app/report-accounts/';
export const MAX_ACCOUNTS_PER_REPORT = 90;

const reportAnswerSchema = z.object({
  accounts: z.array(z.object({ accountId: z.string(), status: z.string() })),
});

/** The reported account IDs Jira answered `closed` for (anything else it names is ignored). */
export function closedAccounts(answer: unknown, reported: readonly string[]): string[] {
  if (answer === undefined || answer === null || answer === '') return [];
  const parsed = reportAnswerSchema.safeParse(answer);
  if (!parsed.success) throw new Error('Jira answered the account report in an unexpected shape.');
  const asked = new Set(reported);
  const closed = parsed.data.accounts
    .filter((account) => account.status === 'closed' && asked.has(account.accountId))
    .map((account) => account.accountId);
  return [...new Set(closed)];
}
