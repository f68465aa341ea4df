import {
  generateInstallKeys,
  SEED_USERS,
  startJiraSim,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { PersonalDataReporter } from '../../apps/server/src/privacy/personal-data-reporter.service';
import { PokerClient } from '../support/poker-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startTestServer, type TestServer } from '../support/test-server';

const { alice, bob, carol } = SEED_USERS;

/** Resolves when the socket is closed by the server (not by us), or fails after `ms`. */
function closedByServer(client: PokerClient, ms = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket stayed open')), ms);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/**
 * Issue 14 #3, "sockets outlive their right to exist": expiry on every event, and an uninstall
 * or an erasure acted on one node closes the sockets (and forgets the caches) on every node.
 */
describe('a socket lives no longer than its right to exist, on every node', () => {
  let redis: RedisServer;
  let nodeA: TestServer;
  let nodeB: TestServer;
  const clients: PokerClient[] = [];
  let keys: Awaited<ReturnType<typeof generateInstallKeys>>;
  let keySite: JiraSim;

  beforeAll(async () => {
    redis = await startRedis();
    keys = await generateInstallKeys();
    keySite = await startJiraSim({ installKeys: keys });
    // A reporting interval as long as the cycle: every stored account is due on every run.
    const env = {
      REDIS_URL: redis.url,
      CONNECT_INSTALL_KEYS_URL: `${keySite.url}/install-keys`,
      PRIVACY_REPORT_INTERVAL_HOURS: '168',
    };
    [nodeA, nodeB] = await Promise.all([startTestServer(env), startTestServer(env)]);
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all([nodeA?.close(), nodeB?.close()]);
    await keySite?.close();
    await redis?.stop();
  });

  async function site(): Promise<JiraSim> {
    const sim = await startJiraSim({ installKeys: keys });
    expect((await sim.install(`${nodeA.url}/atlassian-connect.json`)).status).toBe(204);
    return sim;
  }
  async function connect(node: TestServer, token: string): Promise<PokerClient> {
    const client = await PokerClient.connect(node.url, token);
    client.socket.io.reconnection(false);
    clients.push(client);
    return client;
  }

  it('refuses every event once the context token has expired, until it is renewed', async () => {
    const sim = await site();
    // Accepted within Jira's 60-s leeway, and expired two seconds later.
    const client = await connect(nodeB, sim.contextToken(alice.accountId, { expiresInSec: -58 }));
    const { room } = await client.ok('room:create', {
      name: 'Expiring',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const refused = await client.call('vote:cast', { roomId: room.id, value: '5' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const votes = await nodeA.db.query('SELECT * FROM vote WHERE room_id = $1', [room.id]);
    expect(votes).toEqual([]);
    const renewed = (await client.socket
      .timeout(5000)
      .emitWithAck('session:renew', { token: sim.contextToken(alice.accountId) })) as {
      ok: boolean;
    };
    expect(renewed.ok).toBe(true);
    await client.ok('vote:cast', { roomId: room.id, value: '5' });
    await sim.close();
  });

  it('closes the site’s sockets on the other node at uninstall, which also forgets the secret', async () => {
    const sim = await site();
    const token = sim.contextToken(bob.accountId);
    const onB = await connect(nodeB, token);
    await onB.ok('room:list', {});
    const closed = closedByServer(onB);
    expect((await sim.uninstall()).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    // Node B had the secret cached: it must not accept the site's tokens a moment longer.
    await expect(connect(nodeB, token)).rejects.toThrow(/UNAUTHENTICATED/);
    await sim.close();
  });

  it('closes an erased account’s sockets on every node, and only theirs, and keeps it out', async () => {
    const sim = await site();
    const owner = await connect(nodeA, sim.contextToken(alice.accountId));
    const { room } = await owner.ok('room:create', {
      name: 'Erasure',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    const carolOnB = await connect(nodeB, sim.contextToken(carol.accountId));
    await carolOnB.ok('room:join', { roomId: room.id });
    await carolOnB.ok('vote:cast', { roomId: room.id, value: '3' });
    const closed = closedByServer(carolOnB, 10_000);
    const close = await fetch(
      `${sim.url}/_sim/accounts/${encodeURIComponent(carol.accountId)}/close`,
      {
        method: 'POST',
      },
    );
    expect(close.status).toBe(204);
    const run = await nodeA.app.get(PersonalDataReporter).runOnce();
    expect(run.erased).toBeGreaterThanOrEqual(1);
    expect(await closed).toBe('io server disconnect');
    expect(owner.socket.connected).toBe(true);
    // The tab's token is still good for minutes: it must not bring the account back.
    await expect(connect(nodeB, sim.contextToken(carol.accountId))).rejects.toThrow(/closed/);
    const rows = await nodeA.db.query(
      'SELECT count(*)::int AS n FROM room_member WHERE room_id = $1 AND account_id = $2',
      [room.id, carol.accountId],
    );
    expect(rows[0].n).toBe(0);
    await sim.close();
  });
});
