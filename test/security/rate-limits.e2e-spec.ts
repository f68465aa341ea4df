import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { PokerClient } from '../support/poker-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startStack, type Stack } from '../support/stack';
import { startTestServer, type TestServer } from '../support/test-server';

const { alice, bob, carol, dave } = SEED_USERS;
const RATE_LIMITED = { ok: false, error: { code: 'RATE_LIMITED' } };

/** Small limits, slow refills: a test exhausts them in a few events and they stay exhausted. */
const LIMITS = {
  RATE_LIMIT_ACCOUNT_BURST: '12',
  RATE_LIMIT_ACCOUNT_PER_SECOND: '0.1',
  SOCKETS_PER_ACCOUNT: '3',
  JIRA_BUDGET_SITE_BURST: '10',
  JIRA_BUDGET_SITE_PER_MINUTE: '0.1',
  JIRA_BUDGET_RESERVED_SHARE: '0.5',
  JIRA_BUDGET_ACCOUNT_BURST: '100',
};

/** Sends room:list until refused; returns how many went through (fails if none is refused). */
async function exhaust(client: PokerClient): Promise<number> {
  for (let sent = 0; sent < 40; sent += 1) {
    const ack = await client.call('room:list', {});
    if (!ack.ok) {
      expect(ack).toMatchObject(RATE_LIMITED);
      return sent;
    }
  }
  throw new Error('Expected RATE_LIMITED within 40 events, got none.');
}

describe('rate limits across sockets, reconnects and nodes (Redis)', () => {
  let redis: RedisServer;
  let stack: Stack;
  let nodeB: TestServer;
  const clients: PokerClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({ ...LIMITS, REDIS_URL: redis.url });
    nodeB = await startTestServer({
      ...LIMITS,
      REDIS_URL: redis.url,
      APP_BASE_URL: stack.server.url,
      CONNECT_INSTALL_KEYS_URL: `${stack.server.url}/unused`,
    });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await nodeB?.close();
    await stack?.close();
    await redis?.stop();
  });

  async function connect(url: string, site: JiraSim, accountId: string): Promise<PokerClient> {
    const client = await PokerClient.connect(url, () => site.contextToken(accountId));
    clients.push(client);
    return client;
  }

  it('keeps a person RATE_LIMITED on a new socket after they reconnect', async () => {
    const site = await stack.site();
    const first = await connect(stack.server.url, site, alice.accountId);
    expect(await exhaust(first)).toBeLessThanOrEqual(12);
    first.close();
    const second = await connect(stack.server.url, site, alice.accountId);
    expect(await second.call('room:list', {})).toMatchObject(RATE_LIMITED);
    // Another person of the same site is not held back by Alice's budget.
    const other = await connect(stack.server.url, site, bob.accountId);
    expect(await other.call('room:list', {})).toMatchObject({ ok: true });
  });

  it('holds the limit across two nodes sharing Redis', async () => {
    const site = await stack.site();
    const onA = await connect(stack.server.url, site, carol.accountId);
    expect(await exhaust(onA)).toBeLessThanOrEqual(12);
    const onB = await connect(nodeB.url, site, carol.accountId);
    expect(await onB.call('room:list', {})).toMatchObject(RATE_LIMITED);
  });

  it("refuses a person's socket past the cap on another node, and admits one after a close", async () => {
    const site = await stack.site();
    const open = [];
    for (let i = 0; i < 3; i += 1) open.push(await connect(stack.server.url, site, dave.accountId));
    await expect(connect(nodeB.url, site, dave.accountId)).rejects.toThrow(
      /RATE_LIMITED: this account already has 3 open connections/,
    );
    open[0].close();
    // The node releases the socket when it sees the disconnect: allow it a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await connect(nodeB.url, site, dave.accountId);
    expect(again.socket.connected).toBe(true);
  });

  it("refuses one person's JQL flood but still saves the owner's estimate (reserved share)", async () => {
    const site = await stack.site();
    const owner = await connect(stack.server.url, site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Budget',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
      fieldId: STORY_POINTS_FIELD,
    });
    await owner.ok('vote:cast', { roomId: room.id, value: '5' });
    await owner.ok('vote:reveal', { roomId: room.id });
    const flooder = await connect(nodeB.url, site, bob.accountId);
    const answers = [];
    for (let i = 0; i < 8; i += 1) {
      const ack = await flooder.call('room:create', {
        name: `Flood ${i}`,
        deck: { kind: 'fibonacci' },
        issueKeys: [],
        jql: 'project = PROJ ORDER BY key ASC',
      });
      answers.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(answers).toContain('RATE_LIMITED');
    expect(answers.slice(answers.indexOf('RATE_LIMITED'))).toEqual(
      answers.slice(answers.indexOf('RATE_LIMITED')).map(() => 'RATE_LIMITED'),
    );
    const saved = await owner.call('estimate:save', {
      roomId: room.id,
      issueKey: 'PROJ-1',
      value: 5,
    });
    expect(saved).toMatchObject({ ok: true });
  });
});

describe('rate limits on one node (in memory) and on the HTTP routes', () => {
  let stack: Stack;
  let site: JiraSim;

  beforeAll(async () => {
    stack = await startStack({
      ...LIMITS,
      HTTP_RATE_LIMIT_API_PER_MINUTE: '5',
      HTTP_RATE_LIMIT_LIFECYCLE_PER_MINUTE: '3',
    });
    site = await stack.site();
  });
  afterAll(() => stack?.close());

  it('keeps a person RATE_LIMITED on a new socket after they reconnect', async () => {
    const first = await stack.client(site, carol.accountId);
    expect(await exhaust(first)).toBeLessThanOrEqual(12);
    first.close();
    const second = await stack.client(site, carol.accountId);
    expect(await second.call('room:list', {})).toMatchObject(RATE_LIMITED);
  });

  it('answers /api/settings with 429, Retry-After and the error body past its limit', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 8; i += 1) {
      last = await fetch(`${stack.server.url}/api/settings`, {
        headers: { Authorization: `JWT ${site.contextToken(alice.accountId)}` },
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await last?.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/Too many requests/) },
    });
  });

  it('answers /lifecycle/installed with 429 past its limit, before checking the signature', async () => {
    // The site's install used one request of the three.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${stack.server.url}/lifecycle/installed`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'JWT x.y.z' },
        body: '{}',
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      }
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
  });
});
