import type { AppConfig } from '../config/app-config';
import { JiraBudget } from './jira-budget.service';
import { MemoryRateLimitStore } from './rate-limit.store';
import { rateLimitsConfig, rateLimitsEnv } from '../config/rate-limits-config';

function budget(env: Record<string, string>): JiraBudget {
  const parsed = Object.fromEntries(
    Object.entries(rateLimitsEnv).map(([name, schema]) => [name, schema.parse(env[name])]),
  ) as Parameters<typeof rateLimitsConfig>[0];
  const config = { rateLimits: rateLimitsConfig(parsed) } as AppConfig;
  return new JiraBudget(new MemoryRateLimitStore(() => 0), config);
}

describe('JiraBudget', () => {
  const site = { tenantId: 't1' };

  it("keeps the site's reserve for saves when one person floods JQL", async () => {
    const jira = budget({
      JIRA_BUDGET_SITE_BURST: '10',
      JIRA_BUDGET_RESERVED_SHARE: '0.3',
      JIRA_BUDGET_ACCOUNT_BURST: '100',
    });
    for (let i = 0; i < 7; i += 1) await jira.spend({ ...site, accountId: 'mallory' });
    await expect(jira.spend({ ...site, accountId: 'mallory' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    await expect(jira.spend({ ...site, accountId: 'alice' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    for (let i = 0; i < 3; i += 1) await jira.spendOnSave({ ...site, accountId: 'alice' });
    await expect(jira.spendOnSave(site)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it("limits one person's share before the site's budget runs out", async () => {
    const jira = budget({ JIRA_BUDGET_ACCOUNT_BURST: '2' });
    await jira.spend({ ...site, accountId: 'mallory' });
    await jira.spend({ ...site, accountId: 'mallory' });
    await expect(jira.spend({ ...site, accountId: 'mallory' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/try again in \d+ s/),
    });
    await expect(jira.spend({ ...site, accountId: 'alice' })).resolves.toBeUndefined();
  });
});
