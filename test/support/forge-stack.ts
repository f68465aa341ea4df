import type { ForgeSessionAnswer } from '@poker/shared';
import { startJiraSim, type JiraSim } from '../../apps/jira-sim/src';
import { PokerClient } from './poker-client';
import { rowsOfTenant } from './stack';
import { startTestServer, type TestServer } from './test-server';

/**
 * Our server as a Forge Remote of one simulated Jira site: FORGE_APP_ID is the site's app, the
 * JWKS is the site's, Custom UI may poll from the site's CDN origin, and personal data reports
 * go to the site. `site.forge.install` has delivered the installed event.
 */
export interface ForgeStack {
  server: TestServer;
  site: JiraSim;
  /** What `invokeRemote('/forge/session')` answers for a person. */
  session(accountId: string): Promise<ForgeSessionAnswer>;
  /** A socket for a person, authenticated with a fresh session token. */
  client(accountId: string): Promise<PokerClient>;
  close(): Promise<void>;
}

export async function startForgeStack(env: Record<string, string> = {}): Promise<ForgeStack> {
  const site = await startJiraSim();
  const server = await startTestServer({
    FORGE_APP_ID: site.forge.appId,
    FORGE_JWKS_URL: site.forge.jwksUrl,
    FORGE_CUSTOM_UI_ORIGINS: site.forge.cdnUrl,
    FORGE_REPORT_ACCOUNTS_URL: `${site.url}/app/report-accounts/`,
    ...env,
  });
  const installed = await site.forge.install({ remoteBaseUrl: server.url });
  if (installed.status !== 200) throw new Error(`Forge install answered ${installed.status}`);
  const clients: PokerClient[] = [];
  const stack: ForgeStack = {
    server,
    site,
    async session(accountId) {
      const answer = await site.forge.invokeRemote(accountId, {
        path: '/forge/session',
        method: 'POST',
        body: {},
      });
      if (answer.status !== 200) {
        throw new Error(`Session answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
      return answer.body as ForgeSessionAnswer;
    },
    async client(accountId) {
      const { token } = await stack.session(accountId);
      const client = await PokerClient.connect(server.url, token);
      clients.push(client);
      return client;
    },
    async close() {
      clients.forEach((client) => client.close());
      await server.close();
      await site.close();
    },
  };
  return stack;
}

/** Every stored row of the tenant of a site, as text (compare before/after a refused call). */
export function siteRows(server: TestServer, cloudId: string): Promise<string> {
  return rowsOfTenant(server, 't.cloud_id = $1', cloudId);
}

/** One entry of Jira's issue changelog (PageBeanChangelog `values`), as the simulator serves it. */
export interface ChangelogEntry {
  id: string;
  author: { accountId: string; displayName: string; accountType?: string };
  created: string;
  items: { field: string; fieldId: string; fromString: string | null; toString: string | null }[];
}

/** `GET /rest/api/3/issue/{key}/changelog` at the Forge apiBaseUrl as a person (user token). */
export async function issueChangelog(
  site: JiraSim,
  accountId: string,
  issueKey: string,
): Promise<{ status: number; total?: number; values?: ChangelogEntry[] }> {
  const response = await fetch(`${site.forge.apiBaseUrl}/rest/api/3/issue/${issueKey}/changelog`, {
    headers: { Authorization: `Bearer ${site.forge.userToken(accountId)}` },
  });
  const body = (await response.json()) as { total?: number; values?: ChangelogEntry[] };
  return { status: response.status, ...body };
}
