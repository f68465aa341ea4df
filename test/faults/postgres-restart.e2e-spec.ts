import { voterOf } from '@poker/shared';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_USERS } from '../../apps/jira-sim/src';
import { freePort } from '../../apps/server/src/database/embedded-postgres';
import { JWT_SHAPE, readiness, spanningRoom, startCluster, waitFor, type Cluster } from './cluster';
import { startPostgresProcess, type PostgresProcess } from './postgres-process';

const { alice, bob, carol, erin } = SEED_USERS;

/**
 * A Postgres of its own (the run's shared one must stay up for the other suites), stopped and
 * started again on the same port under a running server process.
 */
describe('Postgres restarts under a running node', () => {
  let dir: string;
  let port: number;
  let pg: PostgresProcess | undefined;
  let cluster: Cluster;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poker-faults-pg-'));
    port = await freePort();
    pg = await startPostgresProcess(dir, port);
    cluster = await startCluster({ nodes: 1, redis: false, env: { DATABASE_URL: pg.url } });
  });
  afterAll(async () => {
    await cluster?.close();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers events with a clear error while it is down, and works again without a restart', async () => {
    const node = cluster.nodes[0]!;
    const { roomId, owner, voterA, voterB, observer } = await spanningRoom(cluster, 'Database', 0);
    const room = { id: roomId };
    await voterA.ok('vote:cast', { roomId: room.id, value: '3' });
    await voterB.ok('vote:cast', { roomId: room.id, value: '5' });

    await pg!.stop();
    pg = undefined;
    await waitFor(
      async () => (await readiness(node.url)).checks.database === 'down',
      10_000,
      'readyz reporting the database down',
    );
    expect(await readiness(node.url)).toEqual({ status: 503, checks: { database: 'down' } });
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);

    // Every kind of event gets a prompt, clear refusal; nothing hangs, no socket is dropped.
    for (const [client, event, payload] of [
      [voterA, 'vote:cast', { roomId: room.id, value: '8' }],
      [owner, 'vote:reveal', { roomId: room.id }],
      [observer, 'room:join', { roomId: room.id, role: 'observer' }],
      [owner, 'room:list', {}],
    ] as const) {
      const started = Date.now();
      const ack = await client.call(event, payload);
      expect({ event, ack }).toMatchObject({
        ack: {
          ok: false,
          error: { code: 'INTERNAL', message: expect.stringMatching(/database/i) },
        },
      });
      expect(Date.now() - started).toBeLessThan(7000);
    }
    const settings = await fetch(`${node.url}/api/settings`, {
      headers: { Authorization: `JWT ${cluster.site.contextToken(alice.accountId)}` },
    });
    expect(settings.status).toBe(503);
    expect(await settings.json()).toMatchObject({ error: { code: 'INTERNAL' } });
    expect([owner, voterA, voterB, observer].every((client) => client.socket.connected)).toBe(true);

    pg = await startPostgresProcess(dir, port);
    await waitFor(async () => (await readiness(node.url)).status === 200, 10_000, 'readyz ok');

    // The same process serves again: the vote refused during the outage goes through now, the
    // votes accepted before it are all there, and nobody appears twice.
    await voterA.ok('vote:cast', { roomId: room.id, value: '8' });
    const { room: revealed } = await owner.ok('vote:reveal', { roomId: room.id });
    expect(Object.fromEntries((revealed.votes ?? []).map((v) => [voterOf(v), v.value]))).toEqual({
      [bob.accountId]: '8',
      [carol.accountId]: '5',
    });
    expect(revealed.members.map((m) => m.accountId).sort()).toEqual(
      [alice.accountId, bob.accountId, carol.accountId, erin.accountId].sort(),
    );
    await observer.waitForState((r) => r.id === room.id && r.version === revealed.version);
    expect(node.process.exitCode).toBeNull();
    expect(cluster.logs()).not.toMatch(JWT_SHAPE);
    expect(cluster.logs()).not.toContain('poker-local@');
  });
});
