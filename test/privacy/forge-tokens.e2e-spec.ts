import Redis from 'ioredis';
import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  startJiraSim,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { EstimatesService } from '../../apps/server/src/rooms/estimates.service';
import { PokerClient } from '../support/poker-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startTestServer, type TestServer } from '../support/test-server';
import { captureOutput, errorEvents, eventually, startSentryIngest } from './privacy-support';

const { alice } = SEED_USERS;

/**
 * PRIVACY-PROMISE claim 19: the tokens Forge hands us (the FIT, the person's and the app's OAuth
 * tokens) live in memory only. A whole Forge session runs on a server with Redis, debug logs and
 * Sentry on, including a Jira failure and an unexpected error that carries the token; then the
 * database, every Redis command, every log line and every Sentry report are searched for them.
 */
describe('Forge tokens never reach the database, Redis, logs or Sentry', () => {
  let redis: RedisServer;
  let redisClient: Redis;
  let monitor: Redis;
  let ingest: Awaited<ReturnType<typeof startSentryIngest>>;
  let site: JiraSim;
  let server: TestServer;
  const redisCommands: string[] = [];
  const logLines: string[] = [];
  const writes: jest.SpyInstance[] = [];

  beforeAll(async () => {
    writes.push(...captureOutput(logLines));
    redis = await startRedis();
    // monitor() opens a connection of its own beside the client: both are closed after.
    redisClient = new Redis(redis.url);
    monitor = await redisClient.monitor();
    monitor.on('monitor', (_time: string, args: string[]) => redisCommands.push(args.join(' ')));
    ingest = await startSentryIngest();
    site = await startJiraSim();
    server = await startTestServer({
      REDIS_URL: redis.url,
      SENTRY_DSN: ingest.url,
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      FORGE_APP_ID: site.forge.appId,
      FORGE_JWKS_URL: site.forge.jwksUrl,
      FORGE_CUSTOM_UI_ORIGINS: site.forge.cdnUrl,
      FORGE_REPORT_ACCOUNTS_URL: `${site.url}/app/report-accounts/`,
    });
  });
  afterAll(async () => {
    monitor?.disconnect();
    redisClient?.disconnect();
    await server?.close();
    await site?.close();
    await ingest?.close();
    await redis?.stop();
    writes.forEach((spy) => spy.mockRestore());
  });

  async function post(path: string, fit: string, headers: Record<string, string>, body = {}) {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fit}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('keeps every token it was handed out of every store', async () => {
    const cloudId = site.state.cloudId;
    const triggerFit = site.forge.fit({
      context: { cloudId },
      module: { key: 'poker-lifecycle', type: 'core:trigger' },
    });
    const systemToken = site.forge.systemToken();
    const installed = await post(
      '/forge/lifecycle',
      triggerFit,
      { 'x-forge-oauth-system': systemToken },
      {
        eventType: 'avi:forge:installed:app',
        context: { cloudId },
      },
    );
    expect(installed.status).toBe(200);

    const uiFit = site.forge.fit({
      principal: alice.accountId,
      context: { cloudId, moduleKey: 'poker-rooms' },
    });
    const userToken = site.forge.userToken(alice.accountId);
    const session = await post('/forge/session', uiFit, { 'x-forge-oauth-user': userToken });
    expect(session.status).toBe(200);
    const sessionToken = session.body.token as string;

    const settings = await fetch(`${server.url}/api/settings`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${sessionToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fieldId: STORY_POINTS_FIELD }),
    });
    expect(settings.status).toBe(200);
    const client = await PokerClient.connect(server.url, sessionToken);
    const { room } = await client.ok('room:create', {
      name: 'Tokens',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-2'],
      jql: 'project = PROJ AND key in (PROJ-3)',
    });
    await client.ok('vote:cast', { roomId: room.id, value: '5' });
    await client.ok('vote:reveal', { roomId: room.id });
    await client.ok('estimate:save', { roomId: room.id, issueKey: 'PROJ-2', value: 5 });
    // A Jira failure on the person's behalf, and an unexpected error that quotes the token.
    site.faults.add({ pathPrefix: '/rest/api/3/issue/PROJ-3', status: 500, times: 10 });
    const failed = await client.call('estimate:save', {
      roomId: room.id,
      issueKey: 'PROJ-3',
      value: 5,
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'JIRA_ERROR' } });
    jest
      .spyOn(server.app.get(EstimatesService), 'save')
      .mockRejectedValueOnce(new Error(`Jira said no to ${userToken} (session ${sessionToken})`));
    const crashed = await client.call('estimate:save', {
      roomId: room.id,
      issueKey: 'PROJ-2',
      value: 3,
    });
    expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    client.close();

    const jobFit = site.forge.fit({
      context: { cloudId },
      module: { key: 'poker-daily', type: 'core:scheduledTrigger' },
    });
    const daily = await post('/forge/jobs/daily', jobFit, { 'x-forge-oauth-system': systemToken });
    expect(daily.status).toBe(200);
    await eventually(() => expect(errorEvents(ingest.envelopes).length).toBeGreaterThan(0), 10_000);

    // Each token, and the signature part of each (a JWT cut in pieces must not survive either).
    const secrets = [triggerFit, uiFit, jobFit, userToken, systemToken, sessionToken].flatMap(
      (token) => [token, token.split('.')[2]],
    );
    const tables = await server.db.query<{ dump: string }[]>(
      `SELECT json_agg(t)::text AS dump FROM (
         SELECT 'tenant' AS t, row_to_json(x)::text AS r FROM tenant x
         UNION ALL SELECT 'room', row_to_json(x)::text FROM room x
         UNION ALL SELECT 'room_member', row_to_json(x)::text FROM room_member x
         UNION ALL SELECT 'room_issue', row_to_json(x)::text FROM room_issue x
         UNION ALL SELECT 'vote', row_to_json(x)::text FROM vote x) t`,
    );
    const stores: Record<string, string> = {
      database: tables[0].dump,
      redis: redisCommands.join('\n'),
      logs: logLines.join(''),
      sentry: ingest.envelopes.join('\n'),
    };
    expect(stores.redis.length).toBeGreaterThan(0);
    expect(stores.logs).toContain('Jira');
    for (const [store, text] of Object.entries(stores)) {
      const found = secrets.filter((secret) => text.includes(secret)).map((s) => s.slice(0, 12));
      expect({ store, found }).toEqual({ store, found: [] });
    }
  });
});
