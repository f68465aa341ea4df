import { startJiraSim, type JiraSim } from '../jira-sim';
import { GUIDE_ACTIVE_ACCOUNT_ID, GUIDE_CLOSED_ACCOUNT_ID, SEED_USERS } from '../seed';

let sim: JiraSim;

beforeEach(async () => {
  sim = await startJiraSim();
  sim.state.installation = { appKey: 'com.example.poker', sharedSecret: 'x'.repeat(43) };
});
afterEach(() => sim.close());

/** Calls the site as the installed app, or as a signed-in person when `asUser` is given. */
async function call(method: string, path: string, body?: object, asUser?: string) {
  const headers: Record<string, string> = asUser
    ? { Cookie: `sim_user=${encodeURIComponent(asUser)}` }
    : { Authorization: `JWT ${sim.appToken(method, path)}` };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(sim.url + path, {
    method,
    headers,
    ...(body && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

describe('fields and issues', () => {
  it('lists number fields with the schema the admin page filters on', async () => {
    const { body } = await call('GET', '/rest/api/3/field');
    const numeric = body.filter(
      (field: { schema: { type: string } }) => field.schema.type === 'number',
    );
    expect(numeric.map((field: { id: string }) => field.id)).toEqual([
      'customfield_10016',
      'customfield_10026',
      'customfield_10050',
    ]);
    expect(numeric[1].schema).toEqual({
      type: 'number',
      custom: 'com.pyxis.greenhopper.jira:jsw-story-points',
      customId: 10026,
    });
  });

  it('returns only the requested fields, and 404 for deleted issues', async () => {
    const { body } = await call('GET', '/rest/api/3/issue/TEAM-2?fields=summary,project');
    expect(Object.keys(body.fields).sort()).toEqual(['project', 'summary']);
    expect(body.fields.project).toMatchObject({
      key: 'TEAM',
      name: 'Team Falcon',
      simplified: true,
    });
    await call('DELETE', '/_sim/issues/TEAM-2');
    expect(await call('GET', '/rest/api/3/issue/TEAM-2')).toMatchObject({
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
    });
  });

  it("lists only the edit screen of the issue's project in editmeta", async () => {
    const proj = await call('GET', '/rest/api/3/issue/PROJ-1/editmeta');
    const team = await call('GET', '/rest/api/3/issue/TEAM-1/editmeta');
    expect(Object.keys(proj.body.fields)).toEqual([
      'summary',
      'description',
      'labels',
      'customfield_10016',
      'timetracking',
    ]);
    expect(Object.keys(team.body.fields)).toContain('customfield_10026');
    expect(Object.keys(team.body.fields)).not.toContain('customfield_10016');
  });

  it('stores an estimate on the screen and refuses one that is not', async () => {
    expect(
      (await call('PUT', '/rest/api/3/issue/PROJ-1', { fields: { customfield_10016: 8 } })).status,
    ).toBe(204);
    expect(sim.issue('PROJ-1')?.fields.customfield_10016).toBe(8);

    const offScreen = await call('PUT', '/rest/api/3/issue/PROJ-1', {
      fields: { customfield_10050: 3 },
    });
    expect(offScreen).toMatchObject({
      status: 400,
      body: {
        errorMessages: [],
        errors: {
          customfield_10050:
            "Field 'customfield_10050' cannot be set. It is not on the appropriate screen, or unknown.",
        },
      },
    });
    const notNumber = await call('PUT', '/rest/api/3/issue/PROJ-1', {
      fields: { customfield_10016: '5' },
    });
    expect(notNumber.status).toBe(400);
    expect((await call('PUT', '/rest/api/3/issue/PROJ-99', { fields: {} })).status).toBe(404);
    expect(sim.issue('PROJ-1')?.fields.customfield_10016).toBe(8);
  });

  it('lets a person edit only where they hold EDIT_ISSUES', async () => {
    const edit = (key: string, who: string) =>
      call('PUT', `/rest/api/3/issue/${key}`, { fields: { customfield_10026: 2 } }, who);
    expect((await edit('TEAM-1', SEED_USERS.dave.accountId)).status).toBe(403);
    expect((await edit('TEAM-1', SEED_USERS.frank.accountId)).status).toBe(204);
    const viewerMeta = await call(
      'GET',
      '/rest/api/3/issue/PROJ-1/editmeta',
      undefined,
      SEED_USERS.dave.accountId,
    );
    expect(viewerMeta.body).toEqual({ fields: {} });
  });
});

describe('permissions/check', () => {
  const check = (accountId: string, asUser?: string) =>
    call(
      'POST',
      '/rest/api/3/permissions/check',
      {
        accountId,
        projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [10001, 10021] }],
        globalPermissions: ['ADMINISTER'],
      },
      asUser,
    );

  it('answers which issues each person may edit', async () => {
    expect((await check(SEED_USERS.alice.accountId)).body).toEqual({
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permission: 'EDIT_ISSUES', issues: [10001, 10021], projects: [] }],
    });
    expect((await check(SEED_USERS.frank.accountId)).body.projectPermissions).toEqual([
      { permission: 'EDIT_ISSUES', issues: [10021], projects: [] },
    ]);
    expect((await check(SEED_USERS.dave.accountId)).body).toEqual({
      globalPermissions: [],
      projectPermissions: [],
    });
  });

  it('lets a person ask about someone else only as a site admin', async () => {
    expect((await check(SEED_USERS.dave.accountId, SEED_USERS.bob.accountId)).status).toBe(403);
    expect((await check(SEED_USERS.bob.accountId, SEED_USERS.bob.accountId)).status).toBe(200);
    expect((await check(SEED_USERS.dave.accountId, SEED_USERS.alice.accountId)).status).toBe(200);
  });
});

describe('search/jql', () => {
  it('pages with nextPageToken until isLast', async () => {
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const { body } = await call('POST', '/rest/api/3/search/jql', {
        jql: 'project = PROJ ORDER BY key ASC',
        fields: ['key'],
        maxResults: 8,
        ...(nextPageToken && { nextPageToken }),
      });
      keys.push(...body.issues.map((issue: { key: string }) => issue.key));
      nextPageToken = body.nextPageToken;
      pages += 1;
      expect(body.isLast).toBe(nextPageToken === undefined);
    } while (nextPageToken);
    expect(pages).toBe(3);
    expect(keys).toEqual(Array.from({ length: 20 }, (_, index) => `PROJ-${index + 1}`));
  });

  it('refuses unbounded and unsupported JQL with 400', async () => {
    const unbounded = await call('POST', '/rest/api/3/search/jql', { jql: 'order by key' });
    expect(unbounded.status).toBe(400);
    const bad = await call('POST', '/rest/api/3/search/jql', { jql: 'assignee = currentUser()' });
    expect(bad.status).toBe(400);
    expect(bad.body.errorMessages[0]).toMatch(/^Error in the JQL Query/);
  });
});

describe('users', () => {
  it('resolves account IDs in bulk, closed ones as Former user, unknown ones omitted', async () => {
    await call('POST', `/_sim/accounts/${encodeURIComponent(SEED_USERS.carol.accountId)}/close`);
    const ids = [SEED_USERS.bob.accountId, SEED_USERS.carol.accountId, 'nobody'];
    const query = ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
    const { body } = await call('GET', `/rest/api/3/user/bulk?${query}`);
    expect(body).toMatchObject({ startAt: 0, total: 2, isLast: true });
    expect(
      body.values.map((user: { displayName: string; active: boolean }) => [
        user.displayName,
        user.active,
      ]),
    ).toEqual([
      ['Bob Builder', true],
      ['Former user', false],
    ]);
    expect(body.values[0].avatarUrls['48x48']).toMatch(/^http/);
  });

  it('pages bulk lookups 10 at a time unless maxResults says otherwise', async () => {
    const ids = Object.values(SEED_USERS).map(
      (user) => `accountId=${encodeURIComponent(user.accountId)}`,
    );
    const { body } = await call('GET', `/rest/api/3/user/bulk?${ids.join('&')}&maxResults=4`);
    expect([body.values.length, body.total, body.isLast]).toEqual([4, ids.length, false]);
  });

  it('knows who is signed in', async () => {
    const { body } = await call('GET', '/rest/api/3/myself', undefined, SEED_USERS.alice.accountId);
    expect(body).toMatchObject({
      accountId: SEED_USERS.alice.accountId,
      displayName: 'Alice Admin',
    });
  });
});

describe('report-accounts', () => {
  const report = (accountIds: string[]) =>
    call('POST', '/app/report-accounts/', {
      accounts: accountIds.map((accountId) => ({
        accountId,
        updatedAt: '2025-03-01T10:00:00.000Z',
      })),
    });

  it('answers 204 when no reported account was closed', async () => {
    const response = await report([GUIDE_ACTIVE_ACCOUNT_ID, SEED_USERS.bob.accountId]);
    expect(response.status).toBe(204);
    expect(response.headers.get('cycle-period')).toBe('P7D');
  });

  it("lists closed accounts, the guide's test account among them", async () => {
    await call('POST', `/_sim/accounts/${SEED_USERS.dave.accountId}/close`);
    const response = await report([
      GUIDE_CLOSED_ACCOUNT_ID,
      SEED_USERS.dave.accountId,
      SEED_USERS.bob.accountId,
    ]);
    expect(response).toMatchObject({
      status: 200,
      body: {
        accounts: [
          { accountId: GUIDE_CLOSED_ACCOUNT_ID, status: 'closed' },
          { accountId: SEED_USERS.dave.accountId, status: 'closed' },
        ],
      },
    });
  });

  it('refuses more than 90 accounts and calls without the app JWT', async () => {
    expect((await report(Array.from({ length: 91 }, (_, index) => `id-${index}`))).status).toBe(
      400,
    );
    const asUser = await call(
      'POST',
      '/app/report-accounts/',
      { accounts: [] },
      SEED_USERS.alice.accountId,
    );
    expect(asUser.status).toBe(401);
  });
});
