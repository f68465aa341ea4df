import { startJiraSim, generateInstallKeys, type JiraSim } from '../../apps/jira-sim/src';
import type { InstallKeyPair } from '../../apps/jira-sim/src';
import { APP_KEY } from '../../apps/server/src/connect/descriptor';
import { startRedis, type RedisServer } from '../support/redis-server';
import { tenantRows } from '../support/stack';
import { startTestServer, type TestServer } from '../support/test-server';

/** A lifecycle call exactly as Jira sends it, so a test can send the same bytes again. */
interface LifecycleCall {
  url: string;
  token: string;
  body: Record<string, unknown>;
}

function post(call: LifecycleCall, body = call.body): Promise<Response> {
  return fetch(call.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${call.token}` },
    body: JSON.stringify(body),
  });
}

describe('Connect install hardening', () => {
  let keys: InstallKeyPair;
  let keySite: JiraSim;
  let server: TestServer;
  const sites: JiraSim[] = [];

  beforeAll(async () => {
    keys = await generateInstallKeys();
    keySite = await startJiraSim({ installKeys: keys });
    server = await startTestServer({ CONNECT_INSTALL_KEYS_URL: `${keySite.url}/install-keys` });
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([keySite, ...sites].map((site) => site.close()));
  });

  async function freshSite(): Promise<JiraSim> {
    const site = await startJiraSim({ installKeys: keys });
    sites.push(site);
    return site;
  }

  /** A signed lifecycle call of `site` to `appBaseUrl`; `claims` are merged over the correct ones. */
  function lifecycleCall(
    site: JiraSim,
    event: 'installed' | 'uninstalled',
    options: { appBaseUrl?: string; claims?: Record<string, unknown>; kid?: string } = {},
  ): LifecycleCall {
    const appBaseUrl = options.appBaseUrl ?? server.url;
    const url = `${appBaseUrl}/lifecycle/${event}`;
    const claims = { ...site.lifecycleClaims(appBaseUrl, url), ...options.claims };
    return {
      url,
      token: site.signInstallToken(claims, { kid: options.kid }),
      body: {
        key: APP_KEY,
        clientKey: site.clientKey,
        sharedSecret: `secret-${Math.random().toString(36).slice(2)}-0123456789`,
        baseUrl: site.url,
        eventType: event,
      },
    };
  }

  it('accepts an install token once: a replay (same jti) is 401 and changes nothing, even with another secret', async () => {
    const site = await freshSite();
    expect((await site.install(`${server.url}/atlassian-connect.json`)).status).toBe(204);
    const call = lifecycleCall(site, 'installed');
    expect((await post(call)).status).toBe(204);
    const before = await tenantRows(server, site.clientKey);

    const replay = await post(call);
    expect([replay.status, await replay.text()]).toEqual([
      401,
      expect.stringContaining('already used'),
    ]);
    const hijack = await post(call, { ...call.body, sharedSecret: 'attacker-chosen-secret-0123' });
    expect(hijack.status).toBe(401);
    expect(await tenantRows(server, site.clientKey)).toBe(before);
  });

  it('recognises a replayed token without jti by its hash', async () => {
    const site = await freshSite();
    const call = lifecycleCall(site, 'installed', { claims: { jti: undefined } });
    expect(call.token.split('.')[1]).not.toContain(Buffer.from('"jti"').toString('base64url'));
    expect((await post(call)).status).toBe(204);
    expect(
      (await post(call, { ...call.body, sharedSecret: 'attacker-chosen-secret-0123' })).status,
    ).toBe(401);
    expect((await post(call)).status).toBe(401);
  });

  it('refuses a replayed uninstall after a re-install, keeping the tenant', async () => {
    const site = await freshSite();
    expect((await post(lifecycleCall(site, 'installed'))).status).toBe(204);
    const uninstall = lifecycleCall(site, 'uninstalled');
    expect((await post(uninstall)).status).toBe(204);
    const reinstall = lifecycleCall(site, 'installed');
    expect((await post(reinstall)).status).toBe(204);
    expect((await post(uninstall)).status).toBe(401);
    const rows = await server.db.query('SELECT id FROM tenant WHERE client_key = $1', [
      site.clientKey,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('refuses an install whose baseUrl is not an allowed Jira host, creating no tenant', async () => {
    const site = await freshSite();
    for (const baseUrl of [
      'https://evil.example.com',
      'https://atlassian.net.evil.example.com',
      'http://acme.atlassian.net',
      'http://10.0.0.5:8080',
    ]) {
      const call = lifecycleCall(site, 'installed');
      const response = await post(call, { ...call.body, baseUrl });
      expect([baseUrl, response.status]).toEqual([baseUrl, 400]);
    }
    const rows = await server.db.query('SELECT id FROM tenant WHERE client_key = $1', [
      site.clientKey,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("allows only Atlassian's hosts when CONNECT_ALLOWED_HOSTS names them (production's default)", async () => {
    const strict = await startTestServer({
      CONNECT_INSTALL_KEYS_URL: `${keySite.url}/install-keys`,
      CONNECT_ALLOWED_HOSTS: '*.atlassian.net *.jira.com',
    });
    try {
      const site = await freshSite();
      const simInstall = await site.install(`${strict.url}/atlassian-connect.json`);
      expect(simInstall.status).toBe(400);
      const call = lifecycleCall(site, 'installed', { appBaseUrl: strict.url });
      const atlassian = await post(call, { ...call.body, baseUrl: 'https://acme.atlassian.net' });
      expect(atlassian.status).toBe(204);
    } finally {
      await strict.close();
    }
  });

  it('checks the claims before fetching a key, and asks for an unknown kid only once', async () => {
    const site = await freshSite();
    const keyCalls = (kid: string) =>
      keySite.requests.filter((request) => request.path.endsWith(`/install-keys/${kid}`)).length;

    const wrongAudience = lifecycleCall(site, 'installed', {
      kid: 'kid-for-another-app',
      claims: { aud: 'https://elsewhere.example.com' },
    });
    expect((await post(wrongAudience)).status).toBe(401);
    const expired = lifecycleCall(site, 'installed', { kid: 'kid-expired', claims: { exp: 1 } });
    expect((await post(expired)).status).toBe(401);
    const badQsh = lifecycleCall(site, 'installed', { kid: 'kid-bad-qsh', claims: { qsh: 'x' } });
    expect((await post(badQsh)).status).toBe(401);
    expect(
      keyCalls('kid-for-another-app') + keyCalls('kid-expired') + keyCalls('kid-bad-qsh'),
    ).toBe(0);

    for (let attempt = 0; attempt < 3; attempt += 1) {
      const unknownKid = lifecycleCall(site, 'installed', { kid: 'kid-nobody-has' });
      expect((await post(unknownKid)).status).toBe(401);
    }
    expect(keyCalls('kid-nobody-has')).toBe(1);
    // The real key is still fetched and accepted.
    expect((await post(lifecycleCall(site, 'installed'))).status).toBe(204);
  });

  describe('with Redis (several nodes)', () => {
    let redis: RedisServer;
    let nodeA: TestServer;
    let nodeB: TestServer;

    beforeAll(async () => {
      redis = await startRedis();
      const env = { CONNECT_INSTALL_KEYS_URL: `${keySite.url}/install-keys`, REDIS_URL: redis.url };
      nodeA = await startTestServer(env);
      // A second node of the same deployment: same base URL (so the same aud), same Redis.
      nodeB = await startTestServer({ ...env, APP_BASE_URL: nodeA.url });
    });
    afterAll(async () => {
      await nodeB.close();
      await nodeA.close();
      await redis.stop();
    });

    it('refuses on one node a token already used on another', async () => {
      const site = await freshSite();
      const call = lifecycleCall(site, 'installed', { appBaseUrl: nodeA.url });
      expect((await post(call)).status).toBe(204);
      const before = await tenantRows(nodeA, site.clientKey);
      const onB = { ...call, url: `${nodeB.url}/lifecycle/installed` };
      const replay = await post(onB, { ...onB.body, sharedSecret: 'attacker-chosen-secret-0123' });
      expect([replay.status, await replay.text()]).toEqual([
        401,
        expect.stringContaining('already used'),
      ]);
      expect(await tenantRows(nodeA, site.clientKey)).toBe(before);
    });
  });
});
