import {
  GUIDE_ACTIVE_ACCOUNT_ID,
  GUIDE_CLOSED_ACCOUNT_ID,
  SEED_USERS,
  STORY_POINTS_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { PersonalDataReporter } from '../../apps/server/src/privacy/personal-data-reporter.service';
import { startStack, type Stack } from '../support/stack';
import {
  createPrivateDatabase,
  eventually,
  rowsHolding,
  tenantIdOf,
  type PrivateDatabase,
} from './privacy-support';

const { alice, bob, carol, erin } = SEED_USERS;
const REPORT_PATH = '/app/report-accounts/';

describe('personal data reporting', () => {
  let database: PrivateDatabase;
  let stack: Stack;

  beforeAll(async () => {
    // The job reports every tenant of the deployment: a database of its own keeps it to ours.
    database = await createPrivateDatabase('reporting');
    // One run a week = the whole 7-day cycle in every run, so each run reports every account.
    stack = await startStack({
      DATABASE_URL: database.url,
      PRIVACY_REPORT_INTERVAL_HOURS: '168',
      JIRA_RETRY_BASE_DELAY_MS: '20',
      JIRA_TIMEOUT_MS: '3000',
    });
  });
  afterAll(async () => {
    await stack.close();
    await database.drop();
  });

  const reporter = () => stack.server.app.get(PersonalDataReporter);
  const reports = (site: JiraSim) => site.requests.filter((r) => r.path === REPORT_PATH);
  const closeAccount = (site: JiraSim, accountId: string) =>
    fetch(`${site.url}/_sim/accounts/${encodeURIComponent(accountId)}/close`, { method: 'POST' });

  /** Room rows directly, as a big site would have them after months of use. */
  async function addMembers(roomId: string, accountIds: string[]): Promise<void> {
    await stack.server.db.query(
      `INSERT INTO room_member (room_id, account_id, role) SELECT $1, unnest($2::text[]), 'voter'`,
      [roomId, accountIds],
    );
    await stack.server.db.query('UPDATE room SET version = version + 1 WHERE id = $1', [roomId]);
  }

  it('erases a closed account from every row, handing its rooms to another member or removing them', async () => {
    const site = await stack.site();
    const tenantId = await tenantIdOf(stack.server.db, site.clientKey);
    const [carolSocket, bobSocket, erinSocket] = await Promise.all(
      [carol, bob, erin].map((person) => stack.client(site, person.accountId)),
    );
    // A: carol owns, bob votes, erin observes; both voted, carol saved the estimate.
    const { room: handOver } = await carolSocket.ok('room:create', {
      name: 'Refinement',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
      fieldId: STORY_POINTS_FIELD,
    });
    await bobSocket.ok('room:join', { roomId: handOver.id });
    await erinSocket.ok('room:join', { roomId: handOver.id, role: 'observer' });
    await carolSocket.ok('vote:cast', { roomId: handOver.id, value: '5' });
    await bobSocket.ok('vote:cast', { roomId: handOver.id, value: '8' });
    await carolSocket.ok('vote:reveal', { roomId: handOver.id });
    await carolSocket.ok('estimate:save', { roomId: handOver.id, issueKey: 'PROJ-1', value: 5 });
    // B: carol owns, erin only observes: the observer takes over.
    const { room: watched } = await carolSocket.ok('room:create', {
      name: 'Watched',
      deck: { kind: 'fibonacci' },
    });
    await erinSocket.ok('room:join', { roomId: watched.id, role: 'observer' });
    // C: carol alone: the room goes, as if she had removed it.
    const { room: alone } = await carolSocket.ok('room:create', {
      name: 'Solo',
      deck: { kind: 'fibonacci' },
    });
    // D: bob owns, carol voted.
    const { room: bobs } = await bobSocket.ok('room:create', {
      name: 'Bob',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-3'],
    });
    await carolSocket.ok('room:join', { roomId: bobs.id });
    await carolSocket.ok('vote:cast', { roomId: bobs.id, value: '3' });
    expect(await rowsHolding(stack.server.db, tenantId, carol.accountId)).not.toEqual([]);

    expect((await closeAccount(site, carol.accountId)).status).toBe(204);
    const run = await reporter().runOnce();

    expect(run).toMatchObject({ status: 'done', erased: 1, deferredTenants: [] });
    expect(await rowsHolding(stack.server.db, tenantId, carol.accountId)).toEqual([]);
    // The report itself: app JWT with the right qsh, every stored account, when we last stored it.
    const [report] = reports(site);
    expect(report).toMatchObject({ method: 'POST', jwtValid: true, qshValid: true, status: 200 });
    const sent = (report.body as { accounts: { accountId: string; updatedAt: string }[] }).accounts;
    expect(sent.map((a) => a.accountId).sort()).toEqual(
      [bob, carol, erin].map((p) => p.accountId).sort(),
    );
    for (const account of sent)
      expect(new Date(account.updatedAt).toISOString()).toBe(account.updatedAt);

    const handedOver = await bobSocket.waitForState(
      (r) => r.id === handOver.id && r.ownerAccountId === bob.accountId,
    );
    expect(handedOver.members.map((m) => [m.accountId, m.role])).toEqual(
      expect.arrayContaining([
        [bob.accountId, 'owner'],
        [erin.accountId, 'observer'],
      ]),
    );
    expect(handedOver.members).toHaveLength(2);
    expect(handedOver.votes).toEqual([{ accountId: bob.accountId, value: '8' }]);
    expect(handedOver.issues.find((i) => i.issueKey === 'PROJ-1')?.savedValue).toBe(5);
    const watchedNow = await erinSocket.waitForState(
      (r) => r.id === watched.id && r.ownerAccountId === erin.accountId,
    );
    expect(watchedNow.members).toEqual([
      expect.objectContaining({ accountId: erin.accountId, role: 'owner' }),
    ]);
    const bobsNow = await bobSocket.waitForState((r) => r.id === bobs.id && r.members.length === 1);
    expect(bobsNow).toMatchObject({ ownerAccountId: bob.accountId, revealed: false });
    expect(bobsNow.members[0]).toMatchObject({ accountId: bob.accountId, hasVoted: false });
    // The closed account is shut out first (its open tab could write rows back): its socket
    // is closed by the server rather than told about each room.
    await eventually(() => expect(carolSocket.socket.connected).toBe(false));
    expect(carolSocket.removed).not.toContain(alone.id);
    const rooms: { id: string }[] = await stack.server.db.query(
      'SELECT id FROM room WHERE tenant_id = $1',
      [tenantId],
    );
    expect(rooms.map((r) => r.id).sort()).toEqual([handOver.id, watched.id, bobs.id].sort());
  });

  it("sends at most 90 accounts a call, one call after another, and erases the guide's closed account", async () => {
    const site = await stack.site();
    const tenantId = await tenantIdOf(stack.server.db, site.clientKey);
    const owner = await stack.client(site, alice.accountId);
    const many = Array.from(
      { length: 197 },
      (_, i) => `5be24ad8b16532403769${String(i).padStart(4, '0')}`,
    );
    const first = (await owner.ok('room:create', { name: 'Big', deck: { kind: 'fibonacci' } }))
      .room;
    const second = (await owner.ok('room:create', { name: 'Bigger', deck: { kind: 'fibonacci' } }))
      .room;
    await addMembers(first.id, many.slice(0, 99));
    await addMembers(second.id, [
      ...many.slice(99),
      GUIDE_CLOSED_ACCOUNT_ID,
      GUIDE_ACTIVE_ACCOUNT_ID,
    ]);
    // The first call is slow: the second must not start before it has been answered.
    site.faults.add({ pathPrefix: REPORT_PATH, method: 'POST', status: 0, times: 1, delayMs: 400 });

    const run = await reporter().runOnce();

    expect(run).toMatchObject({ status: 'done', erased: 1 });
    const calls = reports(site);
    const sizes = calls.map((call) => (call.body as { accounts: unknown[] }).accounts.length);
    expect(sizes).toEqual([90, 90, 20]);
    const everyone = calls.flatMap(
      (call) => (call.body as { accounts: { accountId: string }[] }).accounts,
    );
    expect(new Set(everyone.map((a) => a.accountId)).size).toBe(200);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(400);
    expect(await rowsHolding(stack.server.db, tenantId, GUIDE_CLOSED_ACCOUNT_ID)).toEqual([]);
    expect(await rowsHolding(stack.server.db, tenantId, GUIDE_ACTIVE_ACCOUNT_ID)).toHaveLength(1);
  });

  it('waits out a short Retry-After, and leaves a site with a long one for later without failing the rest', async () => {
    const patient = await stack.site();
    const throttled = await stack.site();
    const ids = {
      patient: await tenantIdOf(stack.server.db, patient.clientKey),
      throttled: await tenantIdOf(stack.server.db, throttled.clientKey),
    };
    for (const site of [patient, throttled]) {
      const owner = await stack.client(site, alice.accountId);
      const voter = await stack.client(site, erin.accountId);
      const { room } = await owner.ok('room:create', { name: 'Sync', deck: { kind: 'fibonacci' } });
      await voter.ok('room:join', { roomId: room.id });
      await closeAccount(site, erin.accountId);
    }
    patient.faults.add({ pathPrefix: REPORT_PATH, status: 429, times: 1, retryAfterSec: 1 });
    throttled.faults.add({ pathPrefix: REPORT_PATH, status: 429, times: 1, retryAfterSec: 3600 });

    const run = await reporter().runOnce();

    expect(run.status).toBe('done');
    expect(run.deferredTenants).toEqual([ids.throttled]);
    expect(reports(patient).map((r) => r.status)).toEqual([429, 200]);
    expect(reports(patient)[1].at - reports(patient)[0].at).toBeGreaterThanOrEqual(1000);
    expect(await rowsHolding(stack.server.db, ids.patient, erin.accountId)).toEqual([]);
    expect(reports(throttled).map((r) => r.status)).toEqual([429]);
    expect(await rowsHolding(stack.server.db, ids.throttled, erin.accountId)).not.toEqual([]);

    // Until the wait is over the site is left alone; after it, its accounts are reported.
    expect((await reporter().runOnce(new Date(Date.now() + 60_000))).deferredTenants).toContain(
      ids.throttled,
    );
    expect(reports(throttled)).toHaveLength(1);
    const later = await reporter().runOnce(new Date(Date.now() + 60 * 60_000));
    expect(later.deferredTenants).toEqual([]);
    expect(reports(throttled).map((r) => r.status)).toEqual([429, 200]);
    expect(await rowsHolding(stack.server.db, ids.throttled, erin.accountId)).toEqual([]);
  });

  it('runs on one node at a time: a run that finds the lock taken does nothing', async () => {
    const site = await stack.site();
    const owner = await stack.client(site, alice.accountId);
    await owner.ok('room:create', { name: 'Locked', deck: { kind: 'fibonacci' } });
    site.faults.add({ pathPrefix: REPORT_PATH, status: 0, times: 1, delayMs: 500 });

    const runs = await Promise.all([reporter().runOnce(), reporter().runOnce()]);

    expect(runs.map((run) => run.status).sort()).toEqual(['busy', 'done']);
    expect(reports(site)).toHaveLength(1);
  });
});
