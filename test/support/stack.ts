import {
  generateInstallKeys,
  startJiraSim,
  type InstallKeyPair,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { PokerClient } from './poker-client';
import { startTestServer, type TestServer } from './test-server';

/**
 * A server plus as many simulated Jira sites as a test wants. All sites sign installs with one
 * key pair, as Atlassian's single install-key server does, served by a dedicated key site.
 */
export interface Stack {
  server: TestServer;
  keys: InstallKeyPair;
  /** A new Jira site with the app installed: a new tenant. */
  site(): Promise<JiraSim>;
  /** A connected socket for a person of a site. */
  client(site: JiraSim, accountId: string, options?: { patches?: boolean }): Promise<PokerClient>;
  close(): Promise<void>;
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const keys = await generateInstallKeys();
  const keySite = await startJiraSim({ installKeys: keys });
  const server = await startTestServer({
    CONNECT_INSTALL_KEYS_URL: `${keySite.url}/install-keys`,
    ...env,
  });
  const sites: JiraSim[] = [keySite];
  const clients: PokerClient[] = [];
  return {
    server,
    keys,
    async site() {
      const sim = await startJiraSim({ installKeys: keys });
      sites.push(sim);
      const result = await sim.install(`${server.url}/atlassian-connect.json`);
      if (result.status !== 204) throw new Error(`Install failed with HTTP ${result.status}`);
      return sim;
    },
    async client(site, accountId, options) {
      const client = await PokerClient.connect(
        server.url,
        () => site.contextToken(accountId),
        options,
      );
      clients.push(client);
      return client;
    },
    async close() {
      clients.forEach((client) => client.close());
      await server.close();
      await Promise.all(sites.map((sim) => sim.close()));
    },
  };
}

/** Every stored row that belongs to one tenant, as text: compare before/after a refused call. */
export function tenantRows(server: TestServer, clientKey: string): Promise<string> {
  return rowsOfTenant(server, 't.client_key = $1', clientKey);
}

/** The same for the tenant a condition on `tenant t` picks (its client key, its cloudId). */
export async function rowsOfTenant(
  server: TestServer,
  condition: string,
  value: string,
): Promise<string> {
  const rows: unknown[] = await server.db.query(
    `SELECT json_build_object(
       'tenant', t,
       'rooms', (SELECT json_agg(r ORDER BY r.id) FROM room r WHERE r.tenant_id = t.id),
       'members', (SELECT json_agg(m ORDER BY m.room_id, m.account_id) FROM room_member m JOIN room r ON r.id = m.room_id WHERE r.tenant_id = t.id),
       'issues', (SELECT json_agg(i ORDER BY i.room_id, i.issue_key) FROM room_issue i JOIN room r ON r.id = i.room_id WHERE r.tenant_id = t.id),
       'votes', (SELECT json_agg(v ORDER BY v.room_id, v.issue_key, v.round, v.account_id) FROM vote v JOIN room r ON r.id = v.room_id WHERE r.tenant_id = t.id)
     ) AS rows FROM tenant t WHERE ${condition}`,
    [value],
  );
  return JSON.stringify(rows);
}
