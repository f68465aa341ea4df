import { voterOf } from '@poker/shared';
import { SEED_USERS } from '../../apps/jira-sim/src';
import { spanningRoom, JWT_SHAPE, readiness, startCluster, waitFor, type Cluster } from './cluster';
import { lastAccepted, startVoting } from './voting-workload';

const { alice, bob, carol, dave, erin } = SEED_USERS;

/**
 * test/multi-node kills a node between votes; here it dies (kill -9) while votes are in flight,
 * comes back, and takes new clients again.
 */
describe('a node killed mid-round while people vote', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, redis: true });
  });
  afterAll(() => cluster?.close());

  it('loses no accepted vote, duplicates no one, and serves again once restarted', async () => {
    const { roomId, owner, voterA, clients, voters } = await spanningRoom(cluster, 'Crash');
    const room = { id: roomId };

    const voting = startVoting(voters, room.id, ['1', '2', '3', '5', '8', '13', '21'], 60);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await cluster.nodes[0]!.kill();
    await waitFor(
      () =>
        owner.reconnects > 0 &&
        voterA.reconnects > 0 &&
        owner.socket.connected &&
        voterA.socket.connected,
      10_000,
      'clients of the killed node reconnected to the other',
    );
    expect((await readiness(cluster.nodes[1]!.url)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // The node comes back; a newcomer lands on it and sees what happens on the other node.
    await cluster.startNode(0);
    const newcomer = await cluster.connect(0, dave.accountId);
    clients.push(newcomer);
    await newcomer.ok('room:join', { roomId: room.id, role: 'observer' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reports = await voting.stop();

    const { room: revealed } = await owner.ok('vote:reveal', { roomId: room.id });
    expect(Object.fromEntries((revealed.votes ?? []).map((v) => [voterOf(v), v.value]))).toEqual({
      [bob.accountId]: lastAccepted(reports[0]),
      [carol.accountId]: lastAccepted(reports[1]),
      [alice.accountId]: lastAccepted(reports[2]),
    });
    const members = revealed.members.map((m) => m.accountId);
    expect(members.sort()).toEqual(
      [alice.accountId, bob.accountId, carol.accountId, dave.accountId, erin.accountId].sort(),
    );
    await waitFor(
      () => clients.every((client) => client.latest(room.id)?.version === revealed.version),
      5000,
      'every client at the final version',
    ).catch(() => undefined);
    expect(clients.map((client) => client.latest(room.id)?.version)).toEqual(
      clients.map(() => revealed.version),
    );
    // In-flight votes to the dead node timed out and were sent again; nothing was refused.
    const failures = reports.flatMap((report) => report.failures);
    expect(failures.filter((code) => code !== 'TIMEOUT')).toEqual([]);
    expect(reports.every((report) => report.accepted.length > 3)).toBe(true);
    expect(cluster.logs()).not.toMatch(JWT_SHAPE);
  });
});
