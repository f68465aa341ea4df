import { GUIDE_CLOSED_ACCOUNT_ID, SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { PersonalDataReporter } from '../../apps/server/src/privacy/personal-data-reporter.service';
import { accountSlot, DAY_MS } from '../../apps/server/src/privacy/report-schedule';
import { startStack, type Stack } from '../support/stack';
import {
  createPrivateDatabase,
  rowsHolding,
  tenantIdOf,
  type PrivateDatabase,
} from './privacy-support';

const REPORT_PATH = '/app/report-accounts/';
/** Midday of a fixed day: far from any interval boundary. */
const DAY_0 = Date.UTC(2027, 2, 1, 12);

/** A stack with a database of its own (the job reports every tenant of the deployment). */
function isolatedStack(label: string, env: Record<string, string>) {
  const context = {} as { stack: Stack; database: PrivateDatabase };
  beforeAll(async () => {
    context.database = await createPrivateDatabase(label);
    context.stack = await startStack({
      DATABASE_URL: context.database.url,
      JIRA_RETRY_BASE_DELAY_MS: '20',
      JIRA_TIMEOUT_MS: '3000',
      ...env,
    });
  });
  afterAll(async () => {
    await context.stack.close();
    await context.database.drop();
  });
  return context;
}

/**
 * A site whose one room, owned by alice, holds `accountIds` as members too (rows, as months of
 * use leave them).
 */
async function siteHolding(stack: Stack, accountIds: string[]): Promise<JiraSim> {
  const site = await stack.site();
  const owner = await stack.client(site, SEED_USERS.alice.accountId);
  const { room } = await owner.ok('room:create', { name: 'Rows', deck: { kind: 'fibonacci' } });
  await stack.server.db.query(
    `INSERT INTO room_member (room_id, account_id, role) SELECT $1, unnest($2::text[]), 'voter'`,
    [room.id, accountIds],
  );
  await stack.server.db.query('UPDATE room SET version = version + 1 WHERE id = $1', [room.id]);
  return site;
}

function reportedIn(site: JiraSim, from = 0): string[] {
  return site.requests
    .filter((r) => r.path === REPORT_PATH)
    .slice(from)
    .flatMap((r) => (r.body as { accounts: { accountId: string }[] }).accounts)
    .map((a) => a.accountId)
    .sort();
}

const accounts = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('personal data reporting: the cycle', () => {
  // Daily runs over the default 7-day cycle: each run reports one slot of the accounts.
  const context = isolatedStack('report_cycle', { PRIVACY_REPORT_INTERVAL_HOURS: '24' });
  const reporter = () => context.stack.server.app.get(PersonalDataReporter);

  it('reports on the next run the accounts of a day whose run was missed, and of the next cycle length Jira announces', async () => {
    const members = accounts('6a1f00c2d3e4f5a6b7c8', 60);
    const site = await siteHolding(context.stack, members);
    const held = [SEED_USERS.alice.accountId, ...members];
    const inSlots = (...days: number[]) =>
      held
        .filter((id) =>
          days.some(
            (day) => accountSlot(id, 7) === Math.floor((DAY_0 + day * DAY_MS) / DAY_MS) % 7,
          ),
        )
        .sort();

    await reporter().runOnce(new Date(DAY_0));
    expect(reportedIn(site)).toEqual(inSlots(0));

    // Day 1's run never happened (the node was busy failing, or its timer slipped): day 2 owes it.
    const before = site.requests.filter((r) => r.path === REPORT_PATH).length;
    // Jira announces a 1-day cycle with this answer: from the next run on, everything each day.
    site.faults.add({
      pathPrefix: REPORT_PATH,
      status: 0,
      times: 10,
      headers: { 'Cycle-Period': 'P1D' },
    });
    await reporter().runOnce(new Date(DAY_0 + 2 * DAY_MS));
    expect(inSlots(1).length).toBeGreaterThan(0);
    expect(reportedIn(site, before)).toEqual(inSlots(1, 2));

    const third = site.requests.filter((r) => r.path === REPORT_PATH).length;
    await reporter().runOnce(new Date(DAY_0 + 3 * DAY_MS));
    expect(reportedIn(site, third)).toEqual([...held].sort());
  });
});

describe('personal data reporting: answers it cannot read', () => {
  // One run a week = the whole cycle in every run.
  const context = isolatedStack('report_malformed', { PRIVACY_REPORT_INTERVAL_HOURS: '168' });
  const reporter = () => context.stack.server.app.get(PersonalDataReporter);

  it('skips only the batch Jira answered in a malformed shape, and goes on with the rest of the site', async () => {
    const held = [...accounts('5be24ad8b16532403769', 190), GUIDE_CLOSED_ACCOUNT_ID];
    const site = await siteHolding(context.stack, held);
    const tenantId = await tenantIdOf(context.stack.server.db, site.clientKey);
    // The first answer is not JSON, the second is JSON of the wrong shape; the third is right.
    site.faults.add({ pathPrefix: REPORT_PATH, status: 200, times: 1, rawBody: 'not json' });
    site.faults.add({
      pathPrefix: REPORT_PATH,
      status: 200,
      times: 1,
      rawBody: '{"accounts":[{"accountId":7}]}',
    });

    const run = await reporter().runOnce();

    const calls = site.requests.filter((r) => r.path === REPORT_PATH);
    // Answers from the plan carry no logged body: count the calls, and what the run reported.
    expect(calls).toHaveLength(3);
    expect(run).toMatchObject({ status: 'done', reported: 192, skippedBatches: 2, erased: 1 });
    // The closed account sat in the last batch: erased although the first two answers were junk.
    expect(await rowsHolding(context.stack.server.db, tenantId, GUIDE_CLOSED_ACCOUNT_ID)).toEqual(
      [],
    );
  });
});
