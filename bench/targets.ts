import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateInstallKeys,
  startJiraSim,
  type InstallKeyPair,
  type JiraSim,
} from '../apps/jira-sim/src';
import { freePort, startEmbeddedPostgres } from '../apps/server/src/database/embedded-postgres';
import { startRedis, type RedisServer } from '../test/support/redis-server';
import {
  BASELINE_SCRIPT,
  SERVER_SCRIPT,
  startNodeProcess,
  track,
  type NodeProcess,
} from './node-process';
import { postmasterPid, withChildren } from './proc-usage';

/** Any 64 hex digits: the bench's shared secrets are encrypted with it, as in production. */
const SECRETS_KEY = 'b0'.repeat(32);
/** Below the server's cap of 1,000 rooms per tenant, and several tenants are more realistic. */
const ROOMS_PER_TENANT = 500;
/** Long enough for a soak and a reconnect storm without minting again. */
const TOKEN_SECONDS = 2 * 60 * 60;

/** What every run of our server shares: one Postgres and the Atlassian install-key site. */
export interface Infrastructure {
  databaseUrl: string;
  /** Set for the embedded Postgres, whose processes the report then measures. */
  databaseDir: string | undefined;
  /** Every simulated site signs installs with this pair, served by the key site. */
  keys: InstallKeyPair;
  keySite: JiraSim;
  close(): Promise<void>;
}

/** A system under test: its server processes, and how to mint a token for a participant. */
export interface Target {
  label: string;
  kind: 'ours' | 'baseline';
  nodes: number;
  servers: NodeProcess[];
  urls: string[];
  /** Processes around the servers whose CPU the report shows (Postgres, Redis). */
  helpers(): Record<string, number[]>;
  token(roomIndex: number, accountId: string): string;
  stop(): Promise<void>;
}

export async function startInfrastructure(): Promise<Infrastructure> {
  let databaseUrl = process.env.DATABASE_URL;
  let databaseDir: string | undefined;
  let stopPostgres = async () => undefined;
  if (!databaseUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'poker-bench-pg-'));
    const pg = await startEmbeddedPostgres(dir);
    databaseUrl = pg.url;
    databaseDir = join(dir, 'postgres');
    // embedded-postgres stops it on Ctrl-C itself and then exits the process: clean up there too.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    stopPostgres = async () => {
      await pg.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    };
  }
  const keys = await generateInstallKeys();
  const keySite = await startJiraSim({ installKeys: keys });
  return {
    databaseUrl,
    databaseDir,
    keys,
    keySite,
    close: async () => {
      await keySite.close();
      await stopPostgres();
    },
  };
}

/** Our built server on `nodes` processes (with redis-server and the Redis adapter when > 1). */
export async function startOurs(
  infra: Infrastructure,
  nodes: number,
  rooms: number,
  profileDir?: string,
): Promise<Target> {
  const redis: RedisServer | undefined = nodes > 1 ? await startRedis() : undefined;
  if (redis) track(redis.process);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: infra.databaseUrl,
    SECRETS_KEY,
    CONNECT_INSTALL_KEYS_URL: `${infra.keySite.url}/install-keys`,
    // Production allows installs from Atlassian's hosts only; the simulated sites are on loopback.
    CONNECT_ALLOWED_HOSTS: new URL(infra.keySite.url).hostname,
    ...(redis && { REDIS_URL: redis.url }),
  };
  const servers: NodeProcess[] = [];
  for (let node = 0; node < nodes; node += 1) {
    // Production requires APP_BASE_URL (loopback may be http). Nodes start one after another:
    // the first one runs the migrations.
    const port = String(await freePort());
    const nodeEnv = { ...env, PORT: port, APP_BASE_URL: `http://localhost:${port}` };
    servers.push(
      await startNodeProcess(`ours-node${node}`, SERVER_SCRIPT, nodeEnv, { profileDir }),
    );
  }
  const urls = servers.map((server) => server.url);
  // APP_BASE_URL is node 0's: the descriptor (and so the install) points there.
  const sims: JiraSim[] = [];
  for (let tenant = 0; tenant < Math.ceil(rooms / ROOMS_PER_TENANT); tenant += 1) {
    const sim = await startJiraSim({ installKeys: infra.keys });
    const installed = await sim.install(`${urls[0]}/atlassian-connect.json`);
    if (installed.status !== 204) throw new Error(`Install failed with HTTP ${installed.status}`);
    sims.push(sim);
  }
  return {
    label: nodes > 1 ? `ours ×${nodes} + Redis` : 'ours ×1',
    kind: 'ours',
    nodes,
    servers,
    urls,
    helpers: () => ({
      postgres: infra.databaseDir ? withChildren(postmasterPid(infra.databaseDir) ?? -1) : [],
      redis: redis?.process.pid ? [redis.process.pid] : [],
    }),
    token: (roomIndex, accountId) => {
      const sim = sims[Math.floor(roomIndex / ROOMS_PER_TENANT)];
      // Jira knows every person who uses the app: the server asks it what they may browse.
      if (!sim.state.users.has(accountId)) {
        sim.state.users.set(accountId, { accountId, displayName: accountId, role: 'developer' });
      }
      return sim.contextToken(accountId, { expiresInSec: TOKEN_SECONDS });
    },
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await Promise.all(sims.map((sim) => sim.close()));
      await redis?.stop();
    },
  };
}

/** The bare socket.io server of baseline-server.ts on one process. */
export async function startBaseline(recovery: boolean, profileDir?: string): Promise<Target> {
  const env = { BASELINE_RECOVERY: recovery ? '1' : '0' };
  const server = await startNodeProcess('baseline', BASELINE_SCRIPT, env, { profileDir });
  return {
    label: recovery ? 'baseline ×1 (socket.io recovery)' : 'baseline ×1',
    kind: 'baseline',
    nodes: 1,
    servers: [server],
    urls: [server.url],
    helpers: () => ({}),
    // Same shape as a context JWT; the baseline reads `sub` and checks nothing.
    token: (_roomIndex, accountId) =>
      [
        { alg: 'none', typ: 'JWT' },
        { sub: accountId, qsh: 'context-qsh' },
      ]
        .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
        .join('.') + '.',
    stop: () => server.stop(),
  };
}
