import { otherKeyPair, SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { startJiraSim } from '../../apps/jira-sim/src';
import { startStack, tenantRows, type Stack } from '../support/stack';

describe('Connect install lifecycle', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  async function freshSite(): Promise<JiraSim> {
    return startJiraSim({ installKeys: stack.keys });
  }
  const descriptorUrl = () => `${stack.server.url}/atlassian-connect.json`;

  it('serves a descriptor with our base URL, JWT auth, signed install and the modules', async () => {
    const response = await fetch(descriptorUrl());
    expect(response.status).toBe(200);
    const descriptor = (await response.json()) as { modules: Record<string, unknown[]> };
    expect(descriptor).toMatchObject({
      baseUrl: stack.server.url,
      authentication: { type: 'jwt' },
      scopes: ['READ', 'WRITE'],
      lifecycle: { installed: '/lifecycle/installed', uninstalled: '/lifecycle/uninstalled' },
      apiMigrations: { 'signed-install': true, 'context-qsh': true },
    });
    expect(descriptor.modules.jiraIssueGlances).toHaveLength(1);
    expect(descriptor.modules.generalPages).toHaveLength(1);
    expect(descriptor.modules.adminPages).toHaveLength(1);
  });

  it('creates exactly one tenant on install and keeps its secret unreadable', async () => {
    const site = await freshSite();
    const result = await site.install(descriptorUrl());
    expect(result.status).toBe(204);
    const rows = await stack.server.db.query('SELECT * FROM tenant WHERE client_key = $1', [
      site.clientKey,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].base_url).toBe(site.url);
    expect(rows[0].shared_secret).not.toContain(result.sharedSecret);
    expect(JSON.stringify(rows[0])).not.toContain(result.sharedSecret);
    await site.close();
  });

  it('accepts a signed re-install that rotates the secret, and only the new secret works', async () => {
    const site = await freshSite();
    await site.install(descriptorUrl());
    const oldToken = site.contextToken(SEED_USERS.bob.accountId);
    const second = await site.install(descriptorUrl());
    expect(second.status).toBe(204);
    const count = await stack.server.db.query(
      'SELECT count(*)::int AS n FROM tenant WHERE client_key = $1',
      [site.clientKey],
    );
    expect(count[0].n).toBe(1);
    const withOld = await fetch(`${stack.server.url}/api/settings`, {
      headers: { Authorization: `JWT ${oldToken}` },
    });
    expect(withOld.status).toBe(401);
    const withNew = await fetch(`${stack.server.url}/api/settings`, {
      headers: { Authorization: `JWT ${site.contextToken(SEED_USERS.bob.accountId)}` },
    });
    expect(withNew.status).toBe(200);
    await site.close();
  });

  describe('refuses unsigned and badly signed lifecycle calls, changing nothing', () => {
    let site: JiraSim;
    beforeAll(async () => {
      site = await freshSite();
    });
    afterAll(() => site.close());

    const cases: [string, (s: JiraSim) => Parameters<JiraSim['install']>[1]][] = [
      ['signed with an unknown key', () => ({ privateKeyPem: otherKeyPair().privateKeyPem })],
      [
        'signed with an unknown key under a known kid',
        (s) => ({ kid: s.installKeyId, privateKeyPem: otherKeyPair().privateKeyPem }),
      ],
      ['expired', () => ({ claims: { exp: Math.floor(Date.now() / 1000) - 600 } })],
      [
        'for another audience (another zone)',
        () => ({ claims: { aud: 'https://eu.poker.example.com' } }),
      ],
      ['with a wrong qsh', () => ({ claims: { qsh: 'a'.repeat(64) } })],
      ['issued by another clientKey', () => ({ claims: { iss: 'someone-else' } })],
    ];

    it.each(cases)('install %s gets 401', async (_name, options) => {
      const result = await site.install(descriptorUrl(), options(site));
      expect(result.status).toBe(401);
      expect(await tenantRows(stack.server, site.clientKey)).toBe('[]');
    });

    it('install without any JWT gets 401', async () => {
      const response = await fetch(`${stack.server.url}/lifecycle/installed`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          key: 'x',
          clientKey: site.clientKey,
          sharedSecret: 'x'.repeat(32),
          baseUrl: site.url,
          eventType: 'installed',
        }),
      });
      expect(response.status).toBe(401);
      expect(await tenantRows(stack.server, site.clientKey)).toBe('[]');
    });

    it('an HS256 token (not the signed-install RS256) gets 401', async () => {
      await site.install(descriptorUrl());
      const before = await tenantRows(stack.server, site.clientKey);
      const token = site.appToken('POST', '/lifecycle/uninstalled');
      const response = await fetch(`${stack.server.url}/lifecycle/uninstalled`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
        body: JSON.stringify({
          key: 'x',
          clientKey: site.clientKey,
          baseUrl: site.url,
          eventType: 'uninstalled',
        }),
      });
      expect(response.status).toBe(401);
      expect(await tenantRows(stack.server, site.clientKey)).toBe(before);
    });

    it.each(cases)('uninstall %s gets 401 and the tenant stays', async (_name, options) => {
      await site.install(descriptorUrl());
      const before = await tenantRows(stack.server, site.clientKey);
      const result = await site.uninstall(options(site));
      expect(result.status).toBe(401);
      expect(await tenantRows(stack.server, site.clientKey)).toBe(before);
    });
  });

  it('a signed uninstall removes every row of that tenant and no other', async () => {
    const doomed = await stack.site();
    const survivor = await stack.site();
    for (const site of [doomed, survivor]) {
      const owner = await stack.client(site, SEED_USERS.bob.accountId);
      const { room } = await owner.ok('room:create', {
        name: 'Sprint 12',
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1', 'PROJ-2'],
      });
      await owner.ok('vote:cast', { roomId: room.id, value: '5' });
      owner.close();
    }
    const survivorBefore = await tenantRows(stack.server, survivor.clientKey);
    expect(survivorBefore).toContain('PROJ-1');
    const result = await doomed.uninstall();
    expect(result.status).toBe(204);
    expect(await tenantRows(stack.server, doomed.clientKey)).toBe('[]');
    const orphans = await stack.server.db.query(
      `SELECT (SELECT count(*) FROM room WHERE tenant_id NOT IN (SELECT id FROM tenant))::int AS rooms,
              (SELECT count(*) FROM room_member WHERE room_id NOT IN (SELECT id FROM room))::int AS members,
              (SELECT count(*) FROM vote WHERE room_id NOT IN (SELECT id FROM room))::int AS votes`,
    );
    expect(orphans[0]).toEqual({ rooms: 0, members: 0, votes: 0 });
    // The survivor's rows are intact, apart from presence timestamps its owner's disconnect moved.
    const after = JSON.parse(await tenantRows(stack.server, survivor.clientKey));
    const before = JSON.parse(survivorBefore);
    expect(after[0].rows.votes).toEqual(before[0].rows.votes);
    expect(after[0].rows.issues).toEqual(before[0].rows.issues);
  });
});
