import { roomListChangedSchema, ServerEvent, type RoomListChangedPayload } from '@poker/shared';
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

const { alice, bob, carol } = SEED_USERS;

/** Two server processes on one Postgres and Redis: a list on one node hears rooms made on the other. */
describe('many nodes: the live room list', () => {
  let redis: RedisServer;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let ours: JiraSim;
  let theirs: JiraSim;
  const clients: PokerClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const keys = await generateInstallKeys();
    [ours, theirs] = await Promise.all([
      startJiraSim({ installKeys: keys }),
      startJiraSim({ installKeys: keys }),
    ]);
    const [portA, portB] = [await freePort(), await freePort()];
    const env = {
      APP_BASE_URL: `http://127.0.0.1:${portA}`,
      REDIS_URL: redis.url,
      CONNECT_INSTALL_KEYS_URL: `${ours.url}/install-keys`,
    };
    [nodeA, nodeB] = await Promise.all([
      startServerProcess({ ...env, PORT: String(portA) }),
      startServerProcess({ ...env, PORT: String(portB) }),
    ]);
    for (const site of [ours, theirs]) {
      const installed = await site.install(`${nodeA.url}/atlassian-connect.json`);
      expect(installed.status).toBe(204);
    }
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all([nodeA?.kill(), nodeB?.kill()]);
    await Promise.all([ours?.close(), theirs?.close()]);
    await redis?.stop();
  });

  async function connect(node: ServerProcess, site: JiraSim, accountId: string) {
    const client = await PokerClient.connect(node.url, () => site.contextToken(accountId));
    clients.push(client);
    return client;
  }

  it("pushes a room made on one node to the site's lists on the other, and to no other site", async () => {
    const watcher = await connect(nodeB, ours, carol.accountId);
    const stranger = await connect(nodeB, theirs, carol.accountId);
    const seen: RoomListChangedPayload[] = [];
    const strangerSeen: unknown[] = [];
    watcher.socket.on(ServerEvent.roomListChanged, (payload: unknown) =>
      seen.push(roomListChangedSchema.parse(payload)),
    );
    stranger.socket.on(ServerEvent.roomListChanged, (payload: unknown) =>
      strangerSeen.push(payload),
    );
    for (const client of [watcher, stranger]) {
      const ack = await client.call('room:list', {});
      expect(ack.ok).toBe(true);
    }

    const owner = await connect(nodeA, ours, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Across nodes',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    const member = await connect(nodeB, ours, bob.accountId);
    await member.ok('room:join', { roomId: room.id });
    const deadline = Date.now() + 10_000;
    const online = () =>
      seen.flatMap((push) => push.rooms).find((r) => r.id === room.id && r.onlineCount === 2);
    while (!online() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(online()).toMatchObject({ name: 'Across nodes', memberCount: 2 });
    // The list's online count asks every node who is in the room.
    const listed = await watcher.call('room:list', {});
    expect(listed.ok && listed.data.rooms).toEqual([
      expect.objectContaining({ id: room.id, onlineCount: 2 }),
    ]);

    await owner.ok('room:remove', { roomId: room.id });
    const gone = Date.now() + 10_000;
    while (!seen.some((push) => push.removedRoomIds.includes(room.id)) && Date.now() < gone) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.some((push) => push.removedRoomIds.includes(room.id))).toBe(true);
    expect(strangerSeen).toEqual([]);
  }, 60_000);
});
