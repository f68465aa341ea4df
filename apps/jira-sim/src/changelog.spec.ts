import { startJiraSim, type JiraSim } from './jira-sim';
import { ISSUE_NOT_FOUND } from './jira-errors';
import { SEED_USERS, STORY_POINTS_FIELD } from './seed';

const { alice, bob, dave, gina } = SEED_USERS;
const APP_KEY = 'com.example.poker';

describe('the issue changelog', () => {
  let sim: JiraSim;
  let clock: number;
  beforeEach(async () => {
    clock = Date.UTC(2026, 10, 3, 14, 5, 6, 789);
    sim = await startJiraSim({ now: () => clock });
    sim.state.installation = { appKey: APP_KEY, sharedSecret: 'x'.repeat(43) };
  });
  afterEach(() => sim.close());

  type Caller = { cookie: string } | { bearer: string } | 'app';
  const cookieOf = (accountId: string): Caller => ({ cookie: accountId });
  const bearerOf = (accountId: string): Caller => ({ bearer: sim.forge.userToken(accountId) });

  async function call(caller: Caller, method: string, path: string, body?: object) {
    const headers: Record<string, string> = {};
    let url = sim.url + path;
    if (caller === 'app') headers.Authorization = `JWT ${sim.appToken(method, path)}`;
    else if ('cookie' in caller) headers.Cookie = `sim_user=${encodeURIComponent(caller.cookie)}`;
    else {
      headers.Authorization = `Bearer ${caller.bearer}`;
      url = sim.forge.apiBaseUrl + path;
    }
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      ...(body && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  const edit = (caller: Caller, key: string, fields: object) =>
    call(caller, 'PUT', `/rest/api/3/issue/${key}`, { fields });

  it("answers Jira's PageBeanChangelog and names the person who edited", async () => {
    expect(
      (await edit(cookieOf(alice.accountId), 'PROJ-1', { [STORY_POINTS_FIELD]: 5 })).status,
    ).toBe(204);
    const { status, body } = await call(
      cookieOf(bob.accountId),
      'GET',
      '/rest/api/3/issue/PROJ-1/changelog',
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      self: `${sim.url}/rest/api/3/issue/PROJ-1/changelog?startAt=0&maxResults=100`,
      maxResults: 100,
      startAt: 0,
      total: 1,
      isLast: true,
      values: [
        {
          id: '10000',
          author: {
            self: `${sim.url}/rest/api/3/user?accountId=${alice.accountId}`,
            accountId: alice.accountId,
            avatarUrls: expect.objectContaining({ '48x48': expect.any(String) }),
            displayName: 'Alice Admin',
            active: true,
            timeZone: 'Europe/Berlin',
            accountType: 'atlassian',
          },
          created: '2026-11-03T14:05:06.789+0000',
          items: [
            {
              field: 'Story Points',
              fieldtype: 'custom',
              fieldId: STORY_POINTS_FIELD,
              from: null,
              fromString: null,
              to: null,
              toString: '5',
            },
          ],
        },
      ],
    });
  });

  it('names the Forge user token’s person, and the app user for the app’s own JWT', async () => {
    await edit(bearerOf(bob.accountId), 'PROJ-2', { [STORY_POINTS_FIELD]: 3 });
    clock += 1000;
    await edit('app', 'PROJ-2', { [STORY_POINTS_FIELD]: 8, labels: ['poker'] });
    clock += 1000;
    await edit({ bearer: sim.forge.systemToken() }, 'PROJ-2', { summary: 'Renamed' });

    const { body } = await call(
      bearerOf(dave.accountId),
      'GET',
      '/rest/api/3/issue/PROJ-2/changelog',
    );
    expect(body.self).toBe(
      `${sim.forge.apiBaseUrl}/rest/api/3/issue/PROJ-2/changelog?startAt=0&maxResults=100`,
    );
    const seen = body.values.map(
      (history: { author: { accountId: string; accountType: string }; items: object[] }) => [
        history.author.accountId,
        history.author.accountType,
        history.items,
      ],
    );
    expect(seen).toEqual([
      [bob.accountId, 'atlassian', [expect.objectContaining({ fromString: null, toString: '3' })]],
      [
        `addon-${APP_KEY}`,
        'app',
        [
          expect.objectContaining({ fieldId: STORY_POINTS_FIELD, fromString: '3', toString: '8' }),
          {
            field: 'labels',
            fieldtype: 'jira',
            fieldId: 'labels',
            from: null,
            // As Jira's own example shows labels: an empty list reads as ''.
            fromString: '',
            to: null,
            toString: 'poker',
          },
        ],
      ],
      [
        `addon-${APP_KEY}`,
        'app',
        [
          expect.objectContaining({
            field: 'summary',
            fromString: 'Add password reset by email',
            toString: 'Renamed',
          }),
        ],
      ],
    ]);
    // GET /myself as the app is the same add-on user.
    expect((await call('app', 'GET', '/rest/api/3/myself')).body.accountId).toBe(
      `addon-${APP_KEY}`,
    );
  });

  it('records nothing for a refused edit or one that changes nothing', async () => {
    await edit(cookieOf(alice.accountId), 'PROJ-3', { [STORY_POINTS_FIELD]: 2 });
    // Unchanged value, a viewer without EDIT_ISSUES, a field off the screen.
    expect(
      (await edit(cookieOf(bob.accountId), 'PROJ-3', { [STORY_POINTS_FIELD]: 2 })).status,
    ).toBe(204);
    expect(
      (await edit(cookieOf(dave.accountId), 'PROJ-3', { [STORY_POINTS_FIELD]: 9 })).status,
    ).toBe(403);
    expect((await edit(cookieOf(bob.accountId), 'PROJ-3', { customfield_10026: 9 })).status).toBe(
      400,
    );
    const { body } = await call(
      cookieOf(alice.accountId),
      'GET',
      '/rest/api/3/issue/10003/changelog',
    );
    expect(body.total).toBe(1);
    expect(body.values[0].author.accountId).toBe(alice.accountId);
  });

  it("hides the changelog of an issue the caller may not browse, as Jira's 404", async () => {
    await edit(cookieOf(alice.accountId), 'TEAM-1', { customfield_10026: 1 });
    for (const caller of [cookieOf(gina.accountId), bearerOf(gina.accountId)]) {
      expect(await call(caller, 'GET', '/rest/api/3/issue/TEAM-1/changelog')).toEqual({
        status: 404,
        body: { errorMessages: [ISSUE_NOT_FOUND], errors: {} },
      });
    }
    expect(
      (await call(cookieOf(gina.accountId), 'GET', '/rest/api/3/issue/PROJ-9/changelog')).status,
    ).toBe(200);
    expect((await fetch(`${sim.url}/rest/api/3/issue/TEAM-1/changelog`)).status).toBe(401);
  });

  it('pages oldest first with startAt and maxResults', async () => {
    for (const value of [1, 2, 3]) {
      await edit(cookieOf(bob.accountId), 'PROJ-4', { [STORY_POINTS_FIELD]: value });
    }
    const first = await call(
      cookieOf(bob.accountId),
      'GET',
      '/rest/api/3/issue/PROJ-4/changelog?maxResults=2',
    );
    expect(first.body).toMatchObject({
      startAt: 0,
      maxResults: 2,
      total: 3,
      isLast: false,
      nextPage: `${sim.url}/rest/api/3/issue/PROJ-4/changelog?startAt=2&maxResults=2`,
    });
    expect(
      first.body.values.map(
        (history: { items: { toString: string }[] }) => history.items[0].toString,
      ),
    ).toEqual(['1', '2']);
    const last = await call(
      cookieOf(bob.accountId),
      'GET',
      '/rest/api/3/issue/PROJ-4/changelog?startAt=2&maxResults=2',
    );
    expect(last.body).toMatchObject({ startAt: 2, total: 3, isLast: true });
    expect(last.body.nextPage).toBeUndefined();
    expect(last.body.values).toHaveLength(1);
  });
});
