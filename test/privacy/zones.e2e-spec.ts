import { DataSource } from 'typeorm';
import {
  generateInstallKeys,
  startJiraSim,
  SEED_USERS,
  type InstallKeyPair,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { createApp } from '../../apps/server/src/app.factory';
import { loadConfig } from '../../apps/server/src/config/app-config';
import { APP_KEY } from '../../apps/server/src/connect/descriptor';
import { freePort } from '../../apps/server/src/database/embedded-postgres';
import { TEST_SECRETS_KEY } from '../support/test-server';
import { createPrivateDatabase, type PrivateDatabase } from './privacy-support';

interface ZoneServer {
  url: string;
  db: DataSource;
  close(): Promise<void>;
}

/** One zone's deployment: its own URL, its own database, the same descriptor regions. */
async function startZone(env: Record<string, string>, port: number): Promise<ZoneServer> {
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      SECRETS_KEY: TEST_SECRETS_KEY,
      LOG_LEVEL: 'error',
      ...env,
    }),
  );
  await app.listen(port, '127.0.0.1');
  return { url: env.APP_BASE_URL, db: app.get(DataSource), close: () => app.close() };
}

describe('zones: Jira installs each site into the zone of its data residency location', () => {
  let keys: InstallKeyPair;
  let keySite: JiraSim;
  const databases: PrivateDatabase[] = [];
  const sims: JiraSim[] = [];
  let us: ZoneServer;
  let eu: ZoneServer;

  beforeAll(async () => {
    keys = await generateInstallKeys();
    keySite = await startJiraSim({ installKeys: keys });
    const [usPort, euPort] = [await freePort(), await freePort()];
    const urls = { us: `http://127.0.0.1:${usPort}`, eu: `http://127.0.0.1:${euPort}` };
    const common = {
      CONNECT_INSTALL_KEYS_URL: `${keySite.url}/install-keys`,
      REGION_BASE_URLS: `US=${urls.us},EU=${urls.eu}`,
    };
    databases.push(await createPrivateDatabase('zone_us'), await createPrivateDatabase('zone_eu'));
    us = await startZone(
      { ...common, ZONE: 'us', APP_BASE_URL: urls.us, DATABASE_URL: databases[0].url },
      usPort,
    );
    eu = await startZone(
      { ...common, ZONE: 'eu', APP_BASE_URL: urls.eu, DATABASE_URL: databases[1].url },
      euPort,
    );
  });
  afterAll(async () => {
    await us?.close();
    await eu?.close();
    await Promise.all([keySite, ...sims].map((sim) => sim.close()));
    await Promise.all(databases.map((database) => database.drop()));
  });

  async function site(location?: string): Promise<JiraSim> {
    const sim = await startJiraSim({ installKeys: keys, location });
    sims.push(sim);
    return sim;
  }
  const tenants = (
    zone: ZoneServer,
    clientKey: string,
  ): Promise<{ zone: string; base_url: string }[]> =>
    zone.db.query('SELECT zone, base_url FROM tenant WHERE client_key = $1', [clientKey]);

  it('serves a descriptor that names its own base URL and both zones', async () => {
    for (const zone of [us, eu]) {
      const response = await fetch(`${zone.url}/atlassian-connect.json`);
      expect(await response.json()).toMatchObject({
        baseUrl: zone.url,
        regionBaseUrls: { US: us.url, EU: eu.url },
      });
    }
  });

  it.each([
    ['EU', () => eu, () => us],
    ['US', () => us, () => eu],
  ])(
    'installs a site pinned to %s into that zone only, whichever descriptor it was given',
    async (location, home, away) => {
      for (const descriptorOf of [us, eu]) {
        const sim = await site(location);
        const result = await sim.install(`${descriptorOf.url}/atlassian-connect.json`);
        expect(result.status).toBe(204);
        expect(sim.state.installation?.appBaseUrl).toBe(home().url);
        expect(await tenants(home(), sim.clientKey)).toEqual([
          { zone: location.toLowerCase(), base_url: sim.url },
        ]);
        expect(await tenants(away(), sim.clientKey)).toEqual([]);
        // The other zone does not know the site at all: its browser tokens are refused there.
        const settings = (zone: ZoneServer) =>
          fetch(`${zone.url}/api/settings`, {
            headers: { Authorization: `JWT ${sim.contextToken(SEED_USERS.alice.accountId)}` },
          });
        expect((await settings(home())).status).toBe(200);
        expect((await settings(away())).status).toBe(401);
      }
    },
  );

  it('refuses with 401, and stores nothing, an install token addressed to EU replayed against US', async () => {
    const sim = await site('EU');
    const installed = `${eu.url}/lifecycle/installed`;
    const token = sim.signInstallToken(sim.lifecycleClaims(eu.url, installed));
    const payload = {
      key: APP_KEY,
      clientKey: sim.clientKey,
      sharedSecret: 'a-fresh-shared-secret-of-enough-length',
      baseUrl: sim.url,
      displayUrl: sim.url,
      productType: 'jira',
      eventType: 'installed',
    };
    const post = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
        body: JSON.stringify(payload),
      });

    const replayed = await post(`${us.url}/lifecycle/installed`);
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toMatch(/audience/);
    expect(await tenants(us, sim.clientKey)).toEqual([]);
    // The very same token is good where it was addressed: only the audience was wrong.
    expect((await post(installed)).status).toBe(204);
    expect(await tenants(eu, sim.clientKey)).toHaveLength(1);
    expect(await tenants(us, sim.clientKey)).toEqual([]);
  });
});
