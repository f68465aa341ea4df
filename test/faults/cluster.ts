import {
  generateInstallKeys,
  SEED_USERS,
  startJiraSim,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { freePort } from '../../apps/server/src/database/embedded-postgres';
import { PokerClient } from '../support/poker-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { startBalancer, type Balancer } from '../support/tcp-balancer';

/**
 * Server processes (the built `dist/apps/server/main.js`) behind balancers, one simulated Jira
 * site, and optionally a real redis-server: the production shape, in miniature. Balancer `i`
 * prefers node `i` and falls back to the others, so a node that goes away moves its clients.
 */
export interface Cluster {
  site: JiraSim;
  redis: RedisServer | undefined;
  ports: number[];
  nodes: (ServerProcess | undefined)[];
  via: Balancer[];
  /** (Re)starts node `index` on its port. */
  startNode(index: number): Promise<ServerProcess>;
  connect(index: number, accountId: string): Promise<PokerClient>;
  /** Everything every node process wrote, for the no-secrets-in-logs check. */
  logs(): string;
  close(): Promise<void>;
}

export interface ClusterOptions {
  nodes: number;
  redis: boolean;
  env?: Record<string, string>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const redis = options.redis ? await startRedis() : undefined;
  const site = await startJiraSim({ installKeys: await generateInstallKeys() });
  const ports: number[] = [];
  for (let i = 0; i < options.nodes; i += 1) ports.push(await freePort());
  const via = await Promise.all(
    ports.map((port) => startBalancer(() => [port, ...ports.filter((other) => other !== port)])),
  );
  const env: Record<string, string> = {
    APP_BASE_URL: via[0].url,
    CONNECT_INSTALL_KEYS_URL: `${site.url}/install-keys`,
    LOG_LEVEL: 'info',
    ...(redis ? { REDIS_URL: redis.url } : {}),
    ...options.env,
  };
  const nodes: (ServerProcess | undefined)[] = [];
  const clients: PokerClient[] = [];
  const outputs: string[][] = [];
  const cluster: Cluster = {
    site,
    redis,
    ports,
    nodes,
    via,
    async startNode(index) {
      const node = await startServerProcess({ ...env, PORT: String(ports[index]) });
      nodes[index] = node;
      outputs.push(node.output);
      return node;
    },
    async connect(index, accountId) {
      const client = await PokerClient.connect(via[index].url, () => site.contextToken(accountId));
      clients.push(client);
      return client;
    },
    logs: () => outputs.map((output) => output.join('')).join('\n'),
    async close() {
      clients.forEach((client) => client.close());
      await Promise.all(nodes.map(async (node) => node?.kill()));
      await Promise.all([...via.map((balancer) => balancer.close()), site.close()]);
      await cluster.redis?.stop();
    },
  };
  await Promise.all(ports.map((_, index) => cluster.startNode(index)));
  const installed = await site.install(`${via[0].url}/atlassian-connect.json`);
  if (installed.status !== 204) throw new Error(`Install failed: HTTP ${installed.status}`);
  return cluster;
}

/** Text shaped like a JWT: nothing of the kind may reach a log. */
export const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/;

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `/readyz` of a node: its status and which part is down. */
export async function readiness(
  url: string,
): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
  const body = (await response.json()) as { checks: Record<string, string> };
  return { status: response.status, checks: body.checks };
}

/** Who sits in a spanning room: owner alice and voter bob, voter carol and observer erin. */
const { alice, bob, carol, erin } = SEED_USERS;

/** The people of a room that spans both nodes: owner and a voter on node 0, a voter and an observer on node 1. */
export interface SpanningRoom {
  roomId: string;
  owner: PokerClient;
  voterA: PokerClient;
  voterB: PokerClient;
  observer: PokerClient;
  clients: PokerClient[];
  /** Those who vote (voter A, voter B, the owner), as `startVoting` takes them. */
  voters: { client: PokerClient; accountId: string }[];
}

/**
 * Creates a room whose members are split across nodes 0 and 1, everyone joined; with
 * `secondNode: 0` (a cluster of one) everyone is on node 0.
 */
export async function spanningRoom(
  cluster: Cluster,
  name: string,
  secondNode = 1,
): Promise<SpanningRoom> {
  const owner = await cluster.connect(0, alice.accountId);
  const voterA = await cluster.connect(0, bob.accountId);
  const voterB = await cluster.connect(secondNode, carol.accountId);
  const observer = await cluster.connect(secondNode, erin.accountId);
  const { room } = await owner.ok('room:create', {
    name,
    deck: { kind: 'fibonacci' },
    issueKeys: ['PROJ-1'],
  });
  await voterA.ok('room:join', { roomId: room.id });
  await voterB.ok('room:join', { roomId: room.id });
  await observer.ok('room:join', { roomId: room.id, role: 'observer' });
  return {
    roomId: room.id,
    owner,
    voterA,
    voterB,
    observer,
    clients: [owner, voterA, voterB, observer],
    voters: [
      { client: voterA, accountId: bob.accountId },
      { client: voterB, accountId: carol.accountId },
      { client: owner, accountId: alice.accountId },
    ],
  };
}
