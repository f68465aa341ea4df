import { startJiraSim, type JiraSim } from '../jira-sim';
import { ISSUE_NOT_FOUND } from '../jira-errors';
import { SEED_USERS } from '../seed';

describe('REST at the Forge apiBaseUrl with OAuth Bearer tokens', () => {
  let sim: JiraSim;
  beforeEach(async () => {
    sim = await startJiraSim();
  });
  afterEach(() => sim.close());

  const call = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    base = sim.forge.apiBaseUrl,
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read freely
      body: text ? (JSON.parse(text) as Record<string, any>) : null,
    };
  };
  const as = (who: keyof typeof SEED_USERS) => sim.forge.userToken(SEED_USERS[who].accountId);

  it('maps a user token to that person and records it without the token', async () => {
    const token = as('gina');
    const { status, body } = await call(token, 'GET', '/rest/api/3/myself');
    expect([status, body?.accountId]).toEqual([200, SEED_USERS.gina.accountId]);
    const logged = sim.requests.at(-1);
    expect(logged).toMatchObject({
      path: `/ex/jira/${sim.state.cloudId}/rest/api/3/myself`,
      authKind: 'bearer',
      tokenType: 'user',
      accountId: SEED_USERS.gina.accountId,
      status: 200,
    });
    expect(JSON.stringify(sim.requests)).not.toContain(token);
  });

  it('hides what Gina may not browse: TEAM issues by key, JQL and the TEAM project', async () => {
    const gina = as('gina');
    expect(await call(gina, 'GET', '/rest/api/3/issue/PROJ-1')).toMatchObject({ status: 200 });
    expect(await call(gina, 'GET', '/rest/api/3/issue/TEAM-1')).toEqual({
      status: 404,
      body: { errorMessages: [ISSUE_NOT_FOUND], errors: {} },
    });
    expect((await call(gina, 'GET', '/rest/api/3/issue/10021/editmeta')).status).toBe(404);
    expect((await call(gina, 'PUT', '/rest/api/3/issue/TEAM-1', { fields: {} })).status).toBe(404);
    // Named in JQL, an issue or project she may not see is as unknown as a missing one.
    const byKey = await call(gina, 'POST', '/rest/api/3/search/jql', { jql: 'key = TEAM-1' });
    expect(byKey).toMatchObject({
      status: 400,
      body: { errorMessages: ["An issue with key 'TEAM-1' does not exist for field 'key'."] },
    });
    const byProject = await call(gina, 'POST', '/rest/api/3/search/jql', { jql: 'project = TEAM' });
    expect(byProject.body?.errorMessages).toEqual([
      "The value 'TEAM' does not exist for the field 'project'.",
    ]);
    // Bob sees TEAM issues through the same route.
    expect((await call(as('bob'), 'GET', '/rest/api/3/issue/TEAM-1')).status).toBe(200);
    const search = await call(as('bob'), 'POST', '/rest/api/3/search/jql', {
      jql: 'project = TEAM',
      maxResults: 100,
    });
    expect(search.body?.issues).toHaveLength(10);
  });

  it('lets Dave browse but not edit: empty editmeta, 403 on PUT, nothing changed', async () => {
    const dave = as('dave');
    expect(await call(dave, 'GET', '/rest/api/3/issue/PROJ-2/editmeta')).toEqual({
      status: 200,
      body: { fields: {} },
    });
    const put = await call(dave, 'PUT', '/rest/api/3/issue/PROJ-2', {
      fields: { customfield_10016: 5 },
    });
    expect(put.status).toBe(403);
    expect(sim.issue('PROJ-2')?.fields.customfield_10016).toBeNull();
    const bob = await call(as('bob'), 'PUT', '/rest/api/3/issue/PROJ-2', {
      fields: { customfield_10016: 5 },
    });
    expect(bob.status).toBe(204);
    expect(sim.issue('PROJ-2')?.fields.customfield_10016).toBe(5);
  });

  it('checks permissions for the caller, and for others only with ADMINISTER', async () => {
    const query = {
      projectPermissions: [
        { permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], projects: [10000, 10001] },
      ],
    };
    const own = await call(as('gina'), 'POST', '/rest/api/3/permissions/check', query);
    expect(own.body?.projectPermissions).toEqual([
      { permission: 'BROWSE_PROJECTS', issues: [], projects: [10000] },
      { permission: 'EDIT_ISSUES', issues: [], projects: [10000] },
    ]);
    const aboutBob = { ...query, accountId: SEED_USERS.bob.accountId };
    expect((await call(as('gina'), 'POST', '/rest/api/3/permissions/check', aboutBob)).status).toBe(
      403,
    );
    const aboutGina = { ...query, accountId: SEED_USERS.gina.accountId };
    expect(
      await call(as('alice'), 'POST', '/rest/api/3/permissions/check', aboutGina),
    ).toMatchObject({
      status: 200,
      body: own.body,
    });
  });

  it('maps the system token to the app, which may report accounts at the site root', async () => {
    const system = sim.forge.systemToken();
    expect((await call(system, 'GET', '/rest/api/3/issue/TEAM-1')).status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({ authKind: 'bearer', tokenType: 'system' });
    const report = await call(
      system,
      'POST',
      '/app/report-accounts/',
      {
        accounts: [{ accountId: SEED_USERS.bob.accountId, updatedAt: '2025-03-01T10:00:00.000Z' }],
      },
      sim.url,
    );
    expect(report.status).toBe(204);
    const asUser = await call(
      as('bob'),
      'POST',
      '/app/report-accounts/',
      { accounts: [] },
      sim.url,
    );
    expect(asUser.status).toBe(401);
  });

  it('refuses expired, forged and foreign tokens with 401, and another cloudId with 404', async () => {
    const expired = sim.forge.userToken(SEED_USERS.bob.accountId, { expiresInSec: -10 });
    const fit = sim.forge.fit({ principal: SEED_USERS.bob.accountId });
    const [head, , signature] = as('bob').split('.');
    const tampered = `${head}.${Buffer.from(JSON.stringify({ sub: SEED_USERS.alice.accountId })).toString('base64url')}.${signature}`;
    const other = await startJiraSim();
    try {
      const foreign = other.forge.userToken(SEED_USERS.bob.accountId);
      for (const token of [expired, fit, tampered, foreign, 'not-a-jwt']) {
        const answer = await call(token, 'GET', '/rest/api/3/myself');
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({
          errorMessages: [expect.stringMatching(/not authenticated/)],
        });
      }
    } finally {
      await other.close();
    }
    const wrongCloud = await call(
      as('bob'),
      'GET',
      '/rest/api/3/myself',
      undefined,
      `${sim.url}/ex/jira/00000000-0000-0000-0000-000000000000`,
    );
    expect(wrongCloud.status).toBe(404);
    // Only OAuth gets through /ex/jira: no cookie session there.
    const cookie = await fetch(`${sim.forge.apiBaseUrl}/rest/api/3/myself`, {
      headers: { Cookie: `sim_user=${SEED_USERS.bob.accountId}` },
    });
    expect(cookie.status).toBe(401);
  });

  it('applies planned faults to the same call through the apiBaseUrl', async () => {
    sim.faults.add({ pathPrefix: '/rest/api/3/issue/', status: 429, times: 1, retryAfterSec: 2 });
    const first = await fetch(`${sim.forge.apiBaseUrl}/rest/api/3/issue/PROJ-1`, {
      headers: { Authorization: `Bearer ${as('bob')}` },
    });
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '2']);
  });
});
