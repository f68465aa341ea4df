import { voterOf } from '@poker/shared';
import { SEED_USERS } from '../../apps/jira-sim/src';
import { PokerClient } from '../support/poker-client';
import { spanningRoom, JWT_SHAPE, startCluster, waitFor, type Cluster } from './cluster';
import { lastAccepted, startVoting } from './voting-workload';

const { alice, bob, carol, erin } = SEED_USERS;

describe('graceful shutdown: a rolling restart of two nodes while people vote', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, redis: true });
  });
  afterAll(() => cluster?.close());

  /** SIGTERM, then how the process ended and how long it took. */
  async function terminate(
    index: number,
  ): Promise<{ code: number | null; signal: string | null; ms: number }> {
    const node = cluster.nodes[index]!;
    const started = Date.now();
    await node.stop();
    return {
      code: node.process.exitCode,
      signal: node.process.signalCode,
      ms: Date.now() - started,
    };
  }

  it('moves every client to the other node, exits 0 within seconds, and loses no vote', async () => {
    const { roomId, owner, voterA, voterB, observer, clients, voters } = await spanningRoom(
      cluster,
      'Rolling',
    );
    const room = { id: roomId };

    const voting = startVoting(voters, room.id, ['1', '2', '3', '5', '8', '13']);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Node A serves the owner and voter A; once it is gone everyone is on B, then B goes.
    const servedBy = [
      [owner, voterA],
      [owner, voterA, voterB, observer],
    ];
    for (const index of [0, 1]) {
      const reconnects = clients.map((client) => client.reconnects);
      const exit = await terminate(index);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.ms).toBeLessThan(5000);
      // Its clients were told to go (transport closed) and came back through the balancer.
      await waitFor(
        () =>
          servedBy[index].every(
            (client) => client.reconnects > reconnects[clients.indexOf(client)],
          ) && clients.every((client) => client.socket.connected),
        10_000,
        `clients of node ${index} reconnected elsewhere`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await cluster.startNode(index);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const reports = await voting.stop();
    // Every voter's last accepted card is what the reveal shows: nothing accepted was lost.
    expect(reports.map((report) => report.accepted.length > 3)).toEqual([true, true, true]);
    const { room: revealed } = await owner.ok('vote:reveal', { roomId: room.id });
    expect(Object.fromEntries((revealed.votes ?? []).map((v) => [voterOf(v), v.value]))).toEqual({
      [bob.accountId]: lastAccepted(reports[0]),
      [carol.accountId]: lastAccepted(reports[1]),
      [alice.accountId]: lastAccepted(reports[2]),
    });
    // One participant per person, all back online, and every client ends on the same state.
    expect(revealed.members.map((m) => m.accountId).sort()).toEqual(
      [alice.accountId, bob.accountId, carol.accountId, erin.accountId].sort(),
    );
    await waitFor(
      () => clients.every((client) => client.latest(room.id)?.version === revealed.version),
      5000,
      'every client at the final version',
    ).catch(() => undefined);
    expect(
      clients.map((client) => ({
        version: client.latest(room.id)?.version,
        connected: client.socket.connected,
      })),
    ).toEqual(clients.map(() => ({ version: revealed.version, connected: true })));
    const failures = reports.flatMap((report) => report.failures);
    expect(failures.filter((code) => code !== 'TIMEOUT')).toEqual([]);
    // Refused tokens leave no trace of themselves in the logs either.
    const forged = `${cluster.site.contextToken(bob.accountId)}x`;
    await fetch(`${cluster.via[0].url}/api/settings?jwt=${forged}`);
    await PokerClient.connect(cluster.via[1].url, forged).then(
      (client) => client.close(),
      () => undefined,
    );
    expect(cluster.logs()).not.toMatch(JWT_SHAPE);
    expect(cluster.logs()).not.toContain(cluster.site.state.installation!.sharedSecret);
  });
});
