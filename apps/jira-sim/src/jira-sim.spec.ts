import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import {
  AsymmetricAlgorithm,
  createQueryStringHash,
  decodeAsymmetric,
  decodeSymmetric,
  encodeSymmetric,
  fromExpressRequest,
  fromMethodAndUrl,
  getKeyId,
  SymmetricAlgorithm,
} from 'atlassian-jwt';
import { startJiraSim, type JiraSim } from './jira-sim';
import { otherKeyPair } from './install-keys';
import { SEED_USERS } from './seed';

const APP_KEY = 'com.example.poker';
const SECRET = 's'.repeat(43);

/** A minimal Connect app that checks the signed install the way the real server must. */
async function startFakeApp(sim: JiraSim) {
  const received: { eventType: string; sharedSecret: string; verdict: string }[] = [];
  const app = express();
  app.use(express.json());
  let baseUrl = '';
  app.get('/atlassian-connect.json', (_req, res) => {
    res.json({
      key: APP_KEY,
      baseUrl,
      lifecycle: { installed: '/lifecycle/installed', uninstalled: '/lifecycle/uninstalled' },
    });
  });
  app.post('/lifecycle/:event', async (req, res) => {
    const token = String(req.headers.authorization).slice('JWT '.length);
    const keyResponse = await fetch(`${sim.url}/install-keys/${String(getKeyId(token))}`);
    let verdict = 'ok';
    try {
      const claims = decodeAsymmetric(token, await keyResponse.text(), AsymmetricAlgorithm.RS256);
      const qsh = createQueryStringHash(fromExpressRequest(req), false, baseUrl);
      if (claims.aud[0] !== baseUrl) verdict = 'bad aud';
      else if (claims.iss !== req.body.clientKey) verdict = 'bad iss';
      else if (claims.qsh !== qsh) verdict = 'bad qsh';
    } catch {
      verdict = 'bad signature';
    }
    received.push({ eventType: req.body.eventType, sharedSecret: req.body.sharedSecret, verdict });
    res.status(verdict === 'ok' ? 204 : 401).end();
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    descriptorUrl: `${baseUrl}/atlassian-connect.json`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('startJiraSim', () => {
  let sim: JiraSim;
  beforeEach(async () => {
    sim = await startJiraSim({ port: 0 });
  });
  afterEach(() => sim.close());

  it('serves REST calls signed by the installed app, checking the qsh of each', async () => {
    sim.state.installation = { appKey: APP_KEY, sharedSecret: SECRET };
    const path = '/rest/api/3/issue/PROJ-1?fields=summary,customfield_10016';
    const now = Math.floor(Date.now() / 1000);
    const sign = (qsh: string) =>
      encodeSymmetric({ iss: APP_KEY, iat: now, exp: now + 60, qsh }, SECRET);
    const good = sign(createQueryStringHash(fromMethodAndUrl('GET', path)));

    const response = await fetch(sim.url + path, { headers: { Authorization: `JWT ${good}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: '10001',
      key: 'PROJ-1',
      fields: { summary: 'Set up CI pipeline for the checkout service', customfield_10016: null },
    });

    const wrongQsh = sign(createQueryStringHash(fromMethodAndUrl('GET', '/rest/api/3/field')));
    const refused = await fetch(sim.url + path, { headers: { Authorization: `JWT ${wrongQsh}` } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      errorMessages: [expect.stringContaining('qsh')],
      errors: {},
    });

    expect(
      sim.requests.map(({ status, authKind, jwtValid, qshValid, iss }) => ({
        status,
        authKind,
        jwtValid,
        qshValid,
        iss,
      })),
    ).toEqual([
      { status: 200, authKind: 'jwt', jwtValid: true, qshValid: true, iss: APP_KEY },
      { status: 401, authKind: 'jwt', jwtValid: true, qshValid: false, iss: APP_KEY },
    ]);
    expect(JSON.stringify(sim.requests)).not.toContain(good);
  });

  it('refuses REST calls without credentials', async () => {
    const response = await fetch(`${sim.url}/rest/api/3/field`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errorMessages: [expect.any(String)] });
  });

  it('installs with a signed token the app can verify, and a new secret each time', async () => {
    const app = await startFakeApp(sim);
    try {
      const first = await sim.install(app.descriptorUrl);
      const second = await sim.install(app.descriptorUrl);
      expect([first.status, second.status]).toEqual([204, 204]);
      expect(first.sharedSecret.length).toBeGreaterThanOrEqual(32);
      expect(second.sharedSecret).not.toBe(first.sharedSecret);
      expect(sim.state.installation).toMatchObject({
        appKey: APP_KEY,
        sharedSecret: second.sharedSecret,
      });

      const claims = decodeSymmetric(
        sim.contextToken(SEED_USERS.bob.accountId),
        second.sharedSecret,
        SymmetricAlgorithm.HS256,
      );
      expect(claims).toMatchObject({
        iss: sim.clientKey,
        sub: SEED_USERS.bob.accountId,
        qsh: 'context-qsh',
      });

      expect((await sim.uninstall()).status).toBe(204);
      expect(sim.state.installation).toBeUndefined();
      expect(app.received.map((call) => [call.eventType, call.verdict])).toEqual([
        ['installed', 'ok'],
        ['installed', 'ok'],
        ['uninstalled', 'ok'],
      ]);
    } finally {
      await app.close();
    }
  });

  it('keeps no installation when the app refuses a forged install token', async () => {
    const app = await startFakeApp(sim);
    try {
      const forged = await sim.install(app.descriptorUrl, {
        privateKeyPem: otherKeyPair().privateKeyPem,
      });
      const wrongAudience = await sim.install(app.descriptorUrl, {
        claims: { aud: 'https://evil' },
      });
      expect([forged.status, wrongAudience.status]).toEqual([401, 401]);
      expect(app.received.map((call) => call.verdict)).toEqual(['bad signature', 'bad aud']);
      expect(sim.state.installation).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('serves its public install key by kid, and 404 for other kids', async () => {
    const key = await fetch(`${sim.url}/install-keys/${sim.installKeyId}`);
    expect(key.headers.get('content-type')).toContain('text/plain');
    expect(await key.text()).toContain('BEGIN PUBLIC KEY');
    expect((await fetch(`${sim.url}/install-keys/unknown`)).status).toBe(404);
  });

  it('answers planned faults, with Retry-After, then behaves normally', async () => {
    sim.state.installation = { appKey: APP_KEY, sharedSecret: SECRET };
    sim.faults.add({
      method: 'GET',
      pathPrefix: '/rest/api/3/field',
      status: 429,
      times: 2,
      retryAfterSec: 3,
    });
    const call = () =>
      fetch(`${sim.url}/rest/api/3/field`, {
        headers: { Authorization: `JWT ${sim.appToken('GET', '/rest/api/3/field')}` },
      });
    const first = await call();
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await call()).status).toBe(429);
    expect((await call()).status).toBe(200);
  });

  it('is driven over HTTP by the /_sim control API', async () => {
    sim.state.installation = { appKey: APP_KEY, sharedSecret: SECRET };
    const post = (path: string, body: object) =>
      fetch(sim.url + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const info = await (await fetch(`${sim.url}/_sim/info`)).json();
    expect(info).toMatchObject({
      clientKey: sim.clientKey,
      url: sim.url,
      installed: true,
      appKey: APP_KEY,
    });

    const tokenResponse = await post('/_sim/token', {
      accountId: SEED_USERS.dave.accountId,
      expiresInSec: -5,
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    const claims = decodeSymmetric(token, SECRET, SymmetricAlgorithm.HS256);
    expect(claims.exp).toBeLessThan(Date.now() / 1000);

    expect(
      (await post('/_sim/faults', { pathPrefix: '/rest/', status: 503, times: 1 })).status,
    ).toBe(204);
    expect(sim.faults.pending).toHaveLength(1);
    expect((await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(sim.faults.pending).toHaveLength(0);

    expect((await fetch(`${sim.url}/_sim/issues/PROJ-2`, { method: 'DELETE' })).status).toBe(204);
    expect(sim.issue('PROJ-2')).toBeUndefined();
    expect((await fetch(`${sim.url}/_sim/issues/PROJ-3`)).status).toBe(200);

    await post(`/_sim/accounts/${SEED_USERS.erin.accountId}/close`, {});
    expect(sim.state.closedAccounts.has(SEED_USERS.erin.accountId)).toBe(true);
  });
});
