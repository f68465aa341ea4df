import { Redis } from 'ioredis';
import {
  generateInstallKeys,
  SEED_USERS,
  startJiraSim,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { PokerClient } from '../support/poker-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startTestServer, type TestServer } from '../support/test-server';

const { alice, bob } = SEED_USERS;
const PASSWORD = 'zone-test-password-7c1e';

describe('two zones on one Redis', () => {
  let redis: RedisServer;
  let keySite: JiraSim;
  let spy: Redis;
  const channels: string[] = [];
  const servers: TestServer[] = [];
  const sites: JiraSim[] = [];
  const clients: PokerClient[] = [];

  beforeAll(async () => {
    redis = await startRedis(undefined, PASSWORD);
    const keys = await generateInstallKeys();
    keySite = await startJiraSim({ installKeys: keys });
    spy = new Redis(redis.url);
    spy.on('pmessage', (_pattern: string, channel: string) => channels.push(channel));
    await spy.psubscribe('*');
    for (const zone of ['us', 'eu']) {
      // Two nodes per zone, so each zone has someone to tell about its changes.
      for (let node = 0; node < 2; node += 1) {
        servers.push(
          await startTestServer({
            ZONE: zone,
            REDIS_URL: redis.url,
            CONNECT_INSTALL_KEYS_URL: `${keySite.url}/install-keys`,
          }),
        );
      }
    }
    for (const server of servers) {
      const site = await startJiraSim({ installKeys: keys });
      sites.push(site);
      const installed = await site.install(`${server.url}/atlassian-connect.json`);
      if (installed.status !== 204) throw new Error(`install: HTTP ${installed.status}`);
    }
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([...sites, keySite].map((site) => site.close()));
    spy?.disconnect();
    await redis?.stop();
  });

  it('keeps every pub/sub channel of a node inside its zone, on a Redis that needs a password', async () => {
    // Per zone: the owner on one node, the voter on the other, so changes cross Redis.
    for (const first of [0, 2]) {
      const site = sites[first];
      const owner = await PokerClient.connect(servers[first].url, () =>
        site.contextToken(alice.accountId),
      );
      const voter = await PokerClient.connect(servers[first + 1].url, () =>
        site.contextToken(bob.accountId),
      );
      clients.push(owner, voter);
      const { room } = await owner.ok('room:create', {
        name: `Zone ${first}`,
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1'],
      });
      await voter.ok('room:join', { roomId: room.id });
      await voter.ok('vote:cast', { roomId: room.id, value: '3' });
      await owner.waitForState((r) => r.id === room.id && r.members.some((m) => m.hasVoted));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(channels.length).toBeGreaterThan(0);
    const foreign = channels.filter((channel) => !/^poker:(us|eu)[#-]/.test(channel));
    expect(foreign).toEqual([]);
    const zones = new Set(channels.map((channel) => channel.slice('poker:'.length, 8)));
    expect([...zones].sort()).toEqual(['eu', 'us']);
  });
});
