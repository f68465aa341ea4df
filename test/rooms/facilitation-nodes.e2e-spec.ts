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

const { alice, bob, carol } = SEED_USERS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Facilitation across two server processes sharing Postgres and Redis: a kick on node A takes
 * the member's sockets on node B out of the room, a nudge from A reaches B, and the new room
 * fields travel in the rows sent between nodes.
 */
describe('facilitation on two nodes', () => {
  let redis: RedisServer;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let viaA: Balancer;
  let viaB: Balancer;
  let site: JiraSim;
  const clients: PokerClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const keys = await generateInstallKeys();
    site = await startJiraSim({ installKeys: keys });
    const [portA, portB] = [await freePort(), await freePort()];
    viaA = await startBalancer(() => [portA, portB]);
    viaB = await startBalancer(() => [portB, portA]);
    const env = {
      APP_BASE_URL: viaA.url,
      REDIS_URL: redis.url,
      CONNECT_INSTALL_KEYS_URL: `${site.url}/install-keys`,
    };
    [nodeA, nodeB] = await Promise.all([
      startServerProcess({ ...env, PORT: String(portA) }),
      startServerProcess({ ...env, PORT: String(portB) }),
    ]);
    const installed = await site.install(`${viaA.url}/atlassian-connect.json`);
    expect(installed.status).toBe(204);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all([nodeA?.kill(), nodeB?.kill()]);
    await Promise.all([viaA?.close(), viaB?.close(), site?.close()]);
    await redis?.stop();
  });

  async function connect(balancer: Balancer, accountId: string): Promise<PokerClient> {
    const client = await PokerClient.connect(balancer.url, () => site.contextToken(accountId), {
      patches: true,
    });
    clients.push(client);
    return client;
  }

  it('kicks, nudges and skips across nodes', async () => {
    const owner = await connect(viaA, alice.accountId);
    const voter = await connect(viaB, bob.accountId);
    const kicked = await connect(viaB, carol.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Two nodes',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    const roomId = room.id;
    await voter.ok('room:join', { roomId });
    await kicked.ok('room:join', { roomId });

    // Node A counts Bob and Carol as online once node B's presence has reached it.
    await owner.waitForState(
      (state) => state.id === roomId && state.members.filter((m) => m.online).length === 3,
    );
    const nudges: unknown[] = [];
    voter.socket.on('member:nudged', (payload: unknown) => nudges.push(payload));
    expect(await owner.ok('member:nudge', { roomId })).toEqual({ nudged: 2 });
    await sleep(300);
    expect(nudges).toEqual([{ roomId, byAccountId: alice.accountId }]);

    const notices: unknown[] = [];
    kicked.socket.on('member:kicked', (payload: unknown) => notices.push(payload));
    const { room: after } = await owner.ok('member:kick', {
      roomId,
      accountId: carol.accountId,
      block: true,
    });
    await voter.waitForState((r) => r.id === roomId && r.version >= after.version);
    await sleep(300);
    expect(notices).toEqual([{ roomId, blocked: true }]);
    const statesBefore = kicked.states.length;
    const patchesBefore = kicked.patches.length;
    const { room: skipped } = await owner.ok('issue:skip', { roomId, issueKey: 'PROJ-1' });
    const seen = await voter.waitForState((r) => r.id === roomId && r.version >= skipped.version);
    expect(seen.skippedIssueKeys).toEqual(['PROJ-1']);
    expect(seen.currentIssueKey).toBe('PROJ-2');
    await sleep(300);
    expect([kicked.states.length, kicked.patches.length]).toEqual([statesBefore, patchesBefore]);
    const vote = await kicked.call('vote:cast', { roomId, value: '3' });
    expect(vote).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const join = await kicked.call('room:join', { roomId });
    expect(join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
