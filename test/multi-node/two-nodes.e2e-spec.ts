import {
  generateInstallKeys,
  SEED_USERS,
  startJiraSim,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { freePort } from '../../apps/server/src/database/embedded-postgres';
import type { RoomSnapshot } from '@poker/shared';
import { PokerClient } from '../support/poker-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { startBalancer, type Balancer } from '../support/tcp-balancer';

const { alice, bob, carol, erin } = SEED_USERS;

/**
 * Two server processes on one Postgres and a real redis-server, clients split across them
 * through two balancers (one prefers node A, the other node B), as behind a production proxy.
 */
describe('many nodes: rooms shared through Redis', () => {
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

  async function connect(
    balancer: Balancer,
    accountId: string,
    options: { patches?: boolean } = {},
  ): Promise<PokerClient> {
    const client = await PokerClient.connect(
      balancer.url,
      () => site.contextToken(accountId),
      options,
    );
    clients.push(client);
    return client;
  }

  it('commits concurrent changes made on both nodes one version each, losing none', async () => {
    const owner = await connect(viaA, alice.accountId);
    const onA = await connect(viaA, bob.accountId);
    const onB = await connect(viaB, carol.accountId);
    const alsoB = await connect(viaB, erin.accountId);
    const voters = [owner, onA, onB, alsoB];
    const { room } = await owner.ok('room:create', {
      name: 'Races',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    for (const client of voters.slice(1)) await client.ok('room:join', { roomId: room.id });
    const cards = ['1', '2', '3', '5'];
    for (let round = 0; round < 5; round += 1) {
      // Each node computes its changes from its cached rows; whichever commits second finds
      // the version moved and runs again on fresh rows: every vote lands, each its own version.
      const acks = await Promise.all(
        voters.map((client, i) =>
          client.ok('vote:cast', { roomId: room.id, value: cards[(round + i) % cards.length] }),
        ),
      );
      expect(new Set(acks.map((ack) => ack.room.version)).size).toBe(voters.length);
      const { room: revealed } = await owner.ok('vote:reveal', { roomId: room.id });
      expect(revealed.votes?.map((vote) => vote.value).sort()).toEqual([...cards].sort());
      await owner.ok('vote:reset', { roomId: room.id });
    }
    for (const client of voters) {
      const versions = client.states.filter((r) => r.id === room.id).map((r) => r.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
    voters.forEach((client) => client.close());
  });

  it('keeps a patch client on one node in step with changes made on the other', async () => {
    const owner = await connect(viaA, alice.accountId);
    const patched = await connect(viaB, bob.accountId, { patches: true });
    const { room } = await owner.ok('room:create', {
      name: 'Patches across nodes',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    await patched.ok('room:join', { roomId: room.id });
    const changes: [string, object][] = [
      ['vote:cast', { roomId: room.id, value: '1' }],
      ['vote:reveal', { roomId: room.id }],
      ['issue:select', { roomId: room.id, issueKey: 'PROJ-2' }],
      ['vote:cast', { roomId: room.id, value: '2' }],
    ];
    for (const [event, payload] of changes) {
      const ack = await owner.call(event as 'vote:cast', payload);
      if (!ack.ok) throw new Error(`${event}: ${ack.error.message}`);
      const after = ack.data.room;
      await patched.waitForState((r) => r.id === room.id && r.version >= after.version);
      expect(withoutMyVote(patched.latest(room.id)!)).toEqual(withoutMyVote(after));
    }
    expect(patched.patches.length).toBeGreaterThan(0);
    owner.close();
    patched.close();
  });

  it('shows every change to every client, whichever node serves it, and loses no vote when a node dies', async () => {
    const owner = await connect(viaA, alice.accountId);
    const onA = await connect(viaA, bob.accountId);
    const onB = await connect(viaB, carol.accountId);
    const alsoB = await connect(viaB, erin.accountId);

    const { room } = await owner.ok('room:create', {
      name: 'Cluster',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    await onA.ok('room:join', { roomId: room.id });
    await onB.ok('room:join', { roomId: room.id });
    await alsoB.ok('room:join', { roomId: room.id, role: 'observer' });

    // Presence across nodes: the owner on A sees the members on B online.
    const everyone = await owner.waitForState(
      (r) => r.id === room.id && r.members.length === 4 && r.members.every((m) => m.online),
    );
    expect(everyone.members.map((m) => m.accountId).sort()).toEqual(
      [alice.accountId, bob.accountId, carol.accountId, erin.accountId].sort(),
    );

    // A vote on B reaches A, a vote on A reaches B; each sees only its own card.
    await onB.ok('vote:cast', { roomId: room.id, value: '3' });
    await onA.ok('vote:cast', { roomId: room.id, value: '8' });
    const seenOnB = await onB.waitForState(
      (r) => r.id === room.id && r.members.filter((m) => m.hasVoted).length === 2,
    );
    expect(seenOnB.myVote).toBe('3');
    expect(seenOnB.votes).toBeNull();
    const seenOnA = await owner.waitForState(
      (r) => r.id === room.id && r.members.filter((m) => m.hasVoted).length === 2,
    );
    expect(seenOnA.myVote).toBeNull();

    // Node A dies mid-round: its clients reconnect through the balancer to B and resync.
    await nodeA.kill();
    await waitFor(() => owner.reconnects > 0 && onA.reconnects > 0, 15_000);
    const resynced = await owner.waitForState(
      (r) => r.id === room.id && r.version > seenOnA.version,
      10_000,
    );
    expect(resynced.members.filter((m) => m.accountId === bob.accountId)).toHaveLength(1);
    const bobView = await onA.waitForState(
      (r) => r.id === room.id && r.version >= resynced.version,
      10_000,
    );
    expect(bobView.myVote).toBe('8');

    const { room: revealed } = await owner.ok('vote:reveal', { roomId: room.id });
    expect(revealed.votes).toEqual(
      expect.arrayContaining([
        { accountId: bob.accountId, value: '8' },
        { accountId: carol.accountId, value: '3' },
      ]),
    );
    expect(new Set(revealed.members.map((m) => m.accountId)).size).toBe(revealed.members.length);
    const observed = await alsoB.waitForState((r) => r.id === room.id && r.revealed);
    expect(observed.stats).toMatchObject({ average: 5.5, voteCount: 2 });
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What every member sees alike: the snapshot without the member's own card. */
function withoutMyVote({ myVote: _mine, ...room }: RoomSnapshot): Omit<RoomSnapshot, 'myVote'> {
  return room;
}
