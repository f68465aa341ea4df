import {
  generateInstallKeys,
  SEED_USERS,
  STORY_POINTS_FIELD,
  startJiraSim,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { PokerClient } from '../support/poker-client';
import { settingsRequest } from '../support/settings-api';
import { startTestServer, type TestServer } from '../support/test-server';

const { alice, bob, carol } = SEED_USERS;

/**
 * Issue 13: one tenant per site. A Connect site that installs the Forge app (the in-place
 * upgrade) keeps its rooms and settings; preUninstall purges the site exactly as a Connect
 * uninstall does; the daily scheduled trigger reports accounts with the app's system token.
 */
describe('Forge lifecycle: upgrade in place, preUninstall, the daily trigger', () => {
  let server: TestServer;
  let site: JiraSim;
  const clients: PokerClient[] = [];

  beforeAll(async () => {
    const keys = await generateInstallKeys();
    site = await startJiraSim({ installKeys: keys });
    server = await startTestServer({
      CONNECT_INSTALL_KEYS_URL: `${site.url}/install-keys`,
      FORGE_APP_ID: site.forge.appId,
      FORGE_JWKS_URL: site.forge.jwksUrl,
      FORGE_CUSTOM_UI_ORIGINS: site.forge.cdnUrl,
      FORGE_REPORT_ACCOUNTS_URL: `${site.url}/app/report-accounts/`,
      // Every stored account is due on every run of the daily job.
      PRIVACY_REPORT_CYCLE_DAYS: '1',
    });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server.close();
    await site.close();
  });

  async function forgeClient(accountId: string): Promise<PokerClient> {
    const answer = await site.forge.invokeRemote(accountId, {
      path: '/forge/session',
      method: 'POST',
      body: {},
    });
    expect(answer.status).toBe(200);
    const client = await PokerClient.connect(server.url, (answer.body as { token: string }).token);
    clients.push(client);
    return client;
  }
  const tenants = () =>
    server.db.query<{ id: string; client_key: string | null; default_field_id: string | null }[]>(
      'SELECT id, client_key, default_field_id FROM tenant WHERE cloud_id = $1',
      [site.state.cloudId],
    );

  it('keeps a Connect site’s rooms and settings when the site installs the Forge app', async () => {
    expect((await site.install(`${server.url}/atlassian-connect.json`)).status).toBe(204);
    const connect = await PokerClient.connect(server.url, site.contextToken(alice.accountId));
    clients.push(connect);
    const { room } = await connect.ok('room:create', {
      name: 'Before Forge',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    const settings = await settingsRequest(server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(settings.status).toBe(200);
    const [before] = await tenants();

    const delivery = await site.forge.install({ remoteBaseUrl: server.url });
    expect(delivery.status).toBe(200);
    const after = await tenants();
    expect(after).toEqual([before]);
    const forge = await forgeClient(bob.accountId);
    const { rooms } = await forge.ok('room:list', {});
    expect(rooms.map((r) => r.id)).toContain(room.id);
    const { room: joined } = await forge.ok('room:join', { roomId: room.id });
    expect(joined.members.map((m) => m.accountId).sort()).toEqual(
      [alice.accountId, bob.accountId].sort(),
    );
    // The Forge session reads the same settings through /api/settings (Bearer).
    const session = await site.forge.invokeRemote(alice.accountId, {
      path: '/forge/session',
      method: 'POST',
      body: {},
    });
    const read = await fetch(`${server.url}/api/settings`, {
      headers: { Authorization: `Bearer ${(session.body as { token: string }).token}` },
    });
    expect(await read.json()).toEqual({ fieldId: STORY_POINTS_FIELD, projectFields: {} });
  });

  it('reports stored accounts daily with the system token, and erases the closed ones', async () => {
    const member = await forgeClient(carol.accountId);
    const { rooms } = await member.ok('room:list', {});
    await member.ok('room:join', { roomId: rooms[0].id });
    site.state.closedAccounts.add(carol.accountId);
    const calls = site.requests.length;
    const delivery = await site.forge.runDailyTrigger();
    expect(delivery.status).toBe(200);
    expect(JSON.parse(delivery.responseBody)).toMatchObject({ status: 'done', erased: 1 });
    const reports = site.requests
      .slice(calls)
      .filter((r) => r.path.startsWith('/app/report-accounts'));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.authKind === 'bearer' && r.tokenType === 'system')).toBe(true);
    const left = await server.db.query(
      `SELECT 1 FROM room_member m JOIN room r ON r.id = m.room_id JOIN tenant t ON t.id = r.tenant_id
        WHERE t.cloud_id = $1 AND m.account_id = $2`,
      [site.state.cloudId, carol.accountId],
    );
    expect(left).toEqual([]);
  });

  it('purges every row of the site at preUninstall, closes its sockets, and refuses its sessions', async () => {
    const [tenant] = await tenants();
    const owner = await forgeClient(alice.accountId);
    const session = await site.forge.invokeRemote(bob.accountId, {
      path: '/forge/session',
      method: 'POST',
      body: {},
    });
    const token = (session.body as { token: string }).token;
    const closed = new Promise<string>((resolve) => owner.socket.once('disconnect', resolve));
    owner.socket.io.reconnection(false);

    const delivery = await site.forge.uninstall();
    expect(delivery.status).toBe(200);
    const counts = await server.db.query(
      `SELECT (SELECT count(*) FROM tenant WHERE id = $1)::int AS tenants,
              (SELECT count(*) FROM room WHERE tenant_id = $1)::int AS rooms,
              (SELECT count(*) FROM room_member m JOIN room r ON r.id = m.room_id WHERE r.tenant_id = $1)::int AS members,
              (SELECT count(*) FROM vote v JOIN room r ON r.id = v.room_id WHERE r.tenant_id = $1)::int AS votes`,
      [tenant.id],
    );
    expect(counts[0]).toEqual({ tenants: 0, rooms: 0, members: 0, votes: 0 });
    expect(await closed).toBe('io server disconnect');
    // A session issued before the uninstall is refused at the handshake, and on /api.
    await expect(PokerClient.connect(server.url, token)).rejects.toThrow(/UNAUTHENTICATED/);
    const api = await fetch(`${server.url}/api/settings`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(401);
  });
});
