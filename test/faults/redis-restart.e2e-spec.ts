import { voterOf } from '@poker/shared';
import { SEED_USERS } from '../../apps/jira-sim/src';
import { startRedis } from '../support/redis-server';
import { JWT_SHAPE, readiness, spanningRoom, startCluster, waitFor, type Cluster } from './cluster';
import { lastAccepted, startVoting } from './voting-workload';

const { alice, bob, carol, erin } = SEED_USERS;

describe('Redis restarts under two nodes', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, redis: true });
  });
  afterAll(() => cluster?.close());

  it('keeps serving, says so in /readyz (degraded, still ready), and resumes cross-node broadcasts without a restart', async () => {
    const { roomId, owner, voterA, voterB, observer } = await spanningRoom(cluster, 'Redis');
    const room = { id: roomId };
    await voterA.ok('vote:cast', { roomId: room.id, value: '3' });
    // Cross-node delivery works before the outage: node B's observer sees node A's vote.
    await observer.waitForState((r) => r.id === room.id && r.members.some((m) => m.hasVoted));

    const voting = startVoting(
      [
        { client: voterA, accountId: bob.accountId },
        { client: voterB, accountId: carol.accountId },
      ],
      room.id,
      ['1', '2', '3', '5', '8'],
    );
    const redisPort = cluster.redis!.port;
    await cluster.redis!.stop();
    const acceptedBefore = voting.reports.map((report) => report.accepted.length);
    for (const node of cluster.nodes) {
      await waitFor(
        async () => (await readiness(node!.url)).checks.redis === 'down',
        5000,
        'readyz reporting redis down',
      );
      const { status, checks } = await readiness(node!.url);
      // Degraded, not unready: each node still serves its own rooms, so none leaves the balancer.
      expect({ status, checks }).toEqual({
        status: 200,
        checks: { database: 'ok', redis: 'down' },
      });
      const body = (await (await fetch(`${node!.url}/readyz`)).json()) as { status: string };
      expect(body.status).toBe('degraded');
      expect((await fetch(`${node!.url}/healthz`)).status).toBe(200);
    }
    // During the outage each node still answers its own clients, with an ack either way.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const during = await owner.call('room:list', {});
    expect(during.ok).toBe(true);

    // Both nodes kept accepting votes of their own clients while Redis was away.
    const acceptedDuring = voting.reports.map(
      (report, i) => report.accepted.length - acceptedBefore[i],
    );
    expect(acceptedDuring.every((count) => count > 0)).toBe(true);
    const restarted = await startRedis(redisPort);
    cluster.redis = restarted;
    for (const node of cluster.nodes) {
      await waitFor(
        async () => (await readiness(node!.url)).checks.redis === 'ok',
        10_000,
        'readyz ok again',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    const reports = await voting.stop();

    // Cross-node broadcasts resume: a change on node A reaches the observer on node B, and back.
    const { room: revealed } = await owner.ok('vote:reveal', { roomId: room.id });
    const seenOnB = await observer.waitForState(
      (r) => r.id === room.id && r.version >= revealed.version,
      5000,
    );
    expect(seenOnB.revealed).toBe(true);
    const { room: reset } = await owner.ok('vote:reset', { roomId: room.id });
    await voterB.waitForState((r) => r.id === room.id && r.version >= reset.version, 5000);
    await voterB.ok('vote:cast', { roomId: room.id, value: '13' });
    const fromB = await owner.waitForState(
      (r) =>
        r.id === room.id &&
        r.version > reset.version &&
        r.members.some((m) => m.accountId === carol.accountId && m.hasVoted),
      5000,
    );
    expect(fromB.round).toBe(reset.round);

    // No accepted vote was lost, nobody appears twice.
    expect(Object.fromEntries((revealed.votes ?? []).map((v) => [voterOf(v), v.value]))).toEqual({
      [bob.accountId]: lastAccepted(reports[0]),
      [carol.accountId]: lastAccepted(reports[1]),
    });
    expect(revealed.members.map((m) => m.accountId).sort()).toEqual(
      [alice.accountId, bob.accountId, carol.accountId, erin.accountId].sort(),
    );
    // Nothing was refused: the outage cost cross-node updates, not votes.
    const refused = reports
      .flatMap((report) => report.failures)
      .filter((code) => code !== 'TIMEOUT');
    expect(refused).toEqual([]);
    expect(cluster.logs()).not.toMatch(JWT_SHAPE);
  });
});
