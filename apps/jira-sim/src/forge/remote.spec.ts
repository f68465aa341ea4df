import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startJiraSim, type JiraSim } from '../jira-sim';
import { SEED_USERS } from '../seed';
import { decodeJwt } from './jwt';

interface Received {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  fit: Record<string, unknown>;
}

/** A stand-in remote that records what Forge sends and answers `status` (default 200). */
async function startFakeRemote() {
  const received: Received[] = [];
  const plan: number[] = [];
  const app = express();
  app.use(express.json());
  app.use((req, res) => {
    const token = String(req.headers.authorization).replace(/^Bearer /, '');
    received.push({
      path: req.path,
      method: req.method,
      headers: req.headers,
      body: req.body as Record<string, unknown>,
      fit: decodeJwt(token)?.claims ?? {},
    });
    res
      .status(plan.shift() ?? 200)
      .set('x-answer', 'yes')
      .json({ ok: true, path: req.path });
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    /** Statuses for the next calls, in order. */
    plan,
    close: () => new Promise((done) => server.close(done)),
  };
}

describe('Forge events, triggers and invokeRemote', () => {
  let sim: JiraSim;
  let remote: Awaited<ReturnType<typeof startFakeRemote>>;
  beforeEach(async () => {
    sim = await startJiraSim({ forge: { retryDelayMs: 1 } });
    remote = await startFakeRemote();
  });
  afterEach(async () => {
    await sim.close();
    await remote.close();
  });

  it('installs with the avi:forge:installed:app event, a FIT without principal and the system token', async () => {
    const delivery = await sim.forge.install({ remoteBaseUrl: remote.url });
    expect(delivery).toMatchObject({ status: 200, attempts: 1 });
    const [call] = remote.received;
    expect(call).toMatchObject({ path: '/forge/lifecycle', method: 'POST' });
    expect(call.body).toMatchObject({
      eventType: 'avi:forge:installed:app',
      id: sim.forge.installationId.split('/').pop(),
      installerAccountId: SEED_USERS.alice.accountId,
      app: { id: sim.forge.appId.split('/').pop(), version: '1.0.0' },
      context: { cloudId: sim.state.cloudId, moduleKey: 'poker-lifecycle' },
    });
    expect(call.fit).not.toHaveProperty('principal');
    expect(call.fit).toMatchObject({
      aud: sim.forge.appId,
      app: { module: { key: 'poker-lifecycle' }, installationId: sim.forge.installationId },
    });
    expect(typeof call.headers['x-forge-oauth-system']).toBe('string');
    expect(call.headers).not.toHaveProperty('x-forge-oauth-user');
    expect(call.headers['x-b3-traceid']).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.forge.installation?.remoteBaseUrl).toBe(remote.url);
  });

  it('retries an event 4 times on 5xx, and not on 4xx', async () => {
    remote.plan.push(500, 502, 503, 500, 500);
    expect(await sim.forge.install({ remoteBaseUrl: remote.url })).toMatchObject({
      status: 500,
      attempts: 5,
    });
    remote.plan.push(503, 200);
    expect(await sim.forge.upgrade()).toMatchObject({ status: 200, attempts: 2 });
    remote.plan.push(401);
    expect(await sim.forge.runDailyTrigger()).toMatchObject({ status: 401, attempts: 1 });
    // Each attempt is a new invocation: a fresh FIT.
    const jtis = remote.received.map((call) => call.fit.jti);
    expect(new Set(jtis).size).toBe(jtis.length);
  });

  it('delivers upgrade, the daily trigger and the pre-uninstall call', async () => {
    await sim.forge.install({ remoteBaseUrl: remote.url });
    await sim.forge.upgrade({ appVersion: '2.0.0' });
    await sim.forge.runDailyTrigger();
    const installationId = sim.forge.installationId;
    await sim.forge.uninstall();
    const [, upgrade, daily, uninstall] = remote.received;
    expect(upgrade.body).toMatchObject({
      eventType: 'avi:forge:upgraded:app',
      app: { version: '2.0.0' },
    });
    expect(daily).toMatchObject({
      path: '/forge/jobs/daily',
      body: { context: { cloudId: sim.state.cloudId } },
    });
    expect(daily.fit).toMatchObject({ app: { module: { key: 'poker-daily' } } });
    expect(uninstall).toMatchObject({
      path: '/forge/lifecycle',
      body: { eventType: 'avi:forge:uninstalled:app', context: { cloudId: sim.state.cloudId } },
    });
    expect(uninstall.fit).toMatchObject({
      app: { module: { key: 'poker-pre-uninstall' }, installationId },
    });
    for (const call of [upgrade, daily, uninstall]) {
      expect(call.fit).not.toHaveProperty('principal');
      expect(typeof call.headers['x-forge-oauth-system']).toBe('string');
    }
    expect(sim.forge.installation).toBeUndefined();
    expect(sim.forge.installationId).not.toBe(installationId);
  });

  it('proxies invokeRemote with a fresh FIT naming the person and their user token', async () => {
    await sim.forge.install({ remoteBaseUrl: remote.url });
    const result = await sim.forge.invokeRemote(SEED_USERS.dave.accountId, {
      path: '/forge/session',
      method: 'POST',
      body: { hello: 'world' },
      moduleKey: 'poker-issue',
      extension: { issue: { key: 'PROJ-1' } },
    });
    expect(result).toMatchObject({
      status: 200,
      body: { ok: true, path: '/forge/session' },
      headers: { 'x-answer': 'yes' },
    });
    const call = remote.received[1];
    expect(call).toMatchObject({ method: 'POST', body: { hello: 'world' } });
    expect(call.fit).toMatchObject({
      principal: SEED_USERS.dave.accountId,
      app: { module: { key: 'poker-issue', type: 'jira:issueContext' } },
      context: {
        cloudId: sim.state.cloudId,
        moduleKey: 'poker-issue',
        extension: { issue: { key: 'PROJ-1' } },
      },
    });
    expect(typeof call.headers['x-forge-oauth-user']).toBe('string');
    expect(call.headers).not.toHaveProperty('x-forge-oauth-system');
    // The user token works on the site's API as Dave.
    const me = await fetch(`${sim.forge.apiBaseUrl}/rest/api/3/myself`, {
      headers: { Authorization: `Bearer ${String(call.headers['x-forge-oauth-user'])}` },
    });
    expect(((await me.json()) as { accountId: string }).accountId).toBe(SEED_USERS.dave.accountId);
  });

  it('answers the bridge shape for a refused call, and refuses when not installed', async () => {
    await expect(
      sim.forge.invokeRemote(SEED_USERS.bob.accountId, { path: '/forge/session' }),
    ).rejects.toThrow(/not installed/);
    await sim.forge.install({ remoteBaseUrl: remote.url });
    remote.plan.push(401);
    const answer = await sim.forge.invokeRemoteAnswer(SEED_USERS.bob.accountId, {
      path: '/forge/session',
      method: 'POST',
    });
    expect(answer).toMatchObject({
      success: false,
      error: { status: 401, headers: { 'x-answer': ['yes'] } },
    });
  });

  it('is driven over /_sim/forge as well', async () => {
    const post = async (path: string, body: object = {}) => {
      const response = await fetch(`${sim.url}/_sim/forge/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await post('install', {})).status).toBe(400);
    expect((await post('install', { remoteBaseUrl: remote.url })).body).toMatchObject({
      status: 200,
    });
    expect((await post('daily-trigger')).body).toMatchObject({ status: 200 });
    const invoked = await post('invoke-remote', {
      accountId: SEED_USERS.bob.accountId,
      path: '/forge/session',
      method: 'POST',
    });
    expect(invoked.body).toMatchObject({ success: true, payload: { status: 200 } });
    const info = (await (await fetch(`${sim.url}/_sim/forge/info`)).json()) as Record<
      string,
      unknown
    >;
    expect(info).toMatchObject({
      appId: sim.forge.appId,
      installed: true,
      cdnUrl: sim.forge.cdnUrl,
    });
    const { body } = await post('tokens/user', { accountId: SEED_USERS.bob.accountId });
    expect(typeof body.token).toBe('string');
    expect((await post('uninstall')).body).toMatchObject({ status: 200 });
  });
});
