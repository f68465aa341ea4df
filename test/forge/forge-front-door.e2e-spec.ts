import { generateKeyPairSync } from 'node:crypto';
import { SEED_USERS, startJiraSim } from '../../apps/jira-sim/src';
import { SessionTokens } from '../../apps/server/src/session/session-tokens';
import { PokerClient } from '../support/poker-client';
import { siteRows, startForgeStack, type ForgeStack } from '../support/forge-stack';

const { bob, carol } = SEED_USERS;

/** A POST to one of our Forge routes, as Forge would make it (or as an attacker might). */
async function post(
  stack: ForgeStack,
  path: string,
  fit: string | undefined,
  headers: Record<string, string> = {},
  body: unknown = {},
): Promise<{
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}> {
  const response = await fetch(stack.server.url + path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(fit && { Authorization: `Bearer ${fit}` }),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('Forge front door: FITs, lifecycle and sessions', () => {
  let stack: ForgeStack;
  beforeAll(async () => {
    stack = await startForgeStack();
  });
  afterAll(() => stack.close());

  const cloudId = () => stack.site.state.cloudId;
  const uiFit = (extra: Parameters<ForgeStack['site']['forge']['fit']>[0] = {}) =>
    stack.site.forge.fit({
      principal: bob.accountId,
      context: { cloudId: cloudId(), moduleKey: 'poker-rooms' },
      ...extra,
    });

  it('makes the installed site one tenant, keyed by its cloudId, with no Connect secret', async () => {
    const rows = await stack.server.db.query(
      'SELECT client_key, shared_secret, forge_installation_id FROM tenant WHERE cloud_id = $1',
      [cloudId()],
    );
    expect(rows).toEqual([
      {
        client_key: null,
        shared_secret: null,
        forge_installation_id: stack.site.forge.installationId,
      },
    ]);
  });

  it('answers a session with a short-lived token for the FIT’s person, on this deployment', async () => {
    const started = Date.now();
    const answer = await stack.session(bob.accountId);
    expect(answer.accountId).toBe(bob.accountId);
    expect(answer.socketUrl).toBe(stack.server.url);
    const lifetime = Date.parse(answer.expiresAt) - started;
    expect(lifetime).toBeGreaterThan(10 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 1000);
    const client = await PokerClient.connect(stack.server.url, answer.token);
    const { rooms } = await client.ok('room:list', {});
    expect(rooms).toEqual([]);
    client.close();
  });

  describe('refuses, with 401 and no change, every FIT that is not Forge’s for this app', () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => string][] = [
      ['signed by another key', () => uiFit({ privateKey: otherKey })],
      ['with alg none', () => uiFit({ alg: 'none' })],
      [
        'HS256 with the public key as secret',
        () => uiFit({ alg: 'HS256', secret: stack.site.forge.publicKeyPem }),
      ],
      [
        'for another app',
        () => uiFit({ aud: 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000' }),
      ],
      ['expired', () => uiFit({ iat: now() - 600, nbf: now() - 600, exp: now() - 60 })],
      ['not valid yet', () => uiFit({ nbf: now() + 600, exp: now() + 900 })],
      ['from another issuer', () => uiFit({ iss: 'someone-else' })],
      ['that is not a JWT', () => 'not-a-token'],
    ];
    it.each(cases)('a FIT %s', async (_what, makeFit) => {
      const before = await siteRows(stack.server, cloudId());
      const user = { 'x-forge-oauth-user': stack.site.forge.userToken(bob.accountId) };
      const system = { 'x-forge-oauth-system': stack.site.forge.systemToken() };
      for (const [path, headers] of [
        ['/forge/session', user],
        ['/forge/lifecycle', system],
        ['/forge/jobs/daily', system],
      ] as const) {
        const answer = await post(stack, path, makeFit(), headers, {
          eventType: 'avi:forge:uninstalled:app',
          context: { cloudId: cloudId() },
        });
        expect({ path, status: answer.status, code: answer.body.error?.code }).toEqual({
          path,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
      expect(await siteRows(stack.server, cloudId())).toBe(before);
    });

    it('no FIT at all', async () => {
      const answer = await post(stack, '/forge/session', undefined, {
        'x-forge-oauth-user': stack.site.forge.userToken(bob.accountId),
      });
      expect(answer.status).toBe(401);
    });

    it('a session call without a person (no principal) or without their token', async () => {
      const noPrincipal = await post(
        stack,
        '/forge/session',
        uiFit({ principal: undefined, claims: { principal: undefined } }),
        {
          'x-forge-oauth-user': stack.site.forge.userToken(bob.accountId),
        },
      );
      expect(noPrincipal.status).toBe(401);
      const noToken = await post(stack, '/forge/session', uiFit());
      expect(noToken.status).toBe(401);
    });
  });

  it('refuses an expired session on every event until it is renewed, and at the handshake', async () => {
    const short = await post(stack, '/forge/session', uiFit({ principal: carol.accountId }), {
      'x-forge-oauth-user': stack.site.forge.userToken(carol.accountId, { expiresInSec: 2 }),
    });
    expect(short.status).toBe(200);
    const token = short.body.token as string;
    // The session lives no longer than the person's Jira token.
    expect(Date.parse(short.body.expiresAt as string) - Date.now()).toBeLessThanOrEqual(2000);
    const client = await PokerClient.connect(stack.server.url, token);
    const { room } = await client.ok('room:create', {
      name: 'Expiry',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const before = await siteRows(stack.server, cloudId());
    for (const [event, payload] of [
      ['vote:cast', { roomId: room.id, value: '3' }],
      ['room:list', {}],
      ['room:update', { roomId: room.id, name: 'Renamed' }],
    ] as const) {
      const ack = await client.call(event, payload);
      expect({ event, ack }).toMatchObject({
        event,
        ack: { ok: false, error: { code: 'UNAUTHENTICATED' } },
      });
    }
    expect(await siteRows(stack.server, cloudId())).toBe(before);
    // A token of another person does not renew this socket.
    const bobs = await stack.session(bob.accountId);
    const wrong = (await client.socket
      .timeout(5000)
      .emitWithAck('session:renew', { token: bobs.token })) as { ok: boolean };
    expect(wrong.ok).toBe(false);
    const fresh = await stack.session(carol.accountId);
    const renewed = (await client.socket
      .timeout(5000)
      .emitWithAck('session:renew', { token: fresh.token })) as {
      ok: boolean;
      data: { expiresAt: string };
    };
    expect(renewed).toEqual({ ok: true, data: { expiresAt: fresh.expiresAt } });
    await client.ok('vote:cast', { roomId: room.id, value: '3' });
    client.close();
    await expect(PokerClient.connect(stack.server.url, token)).rejects.toThrow(/expired/);
  });

  it('keeps one site’s session out of another site, and refuses another deployment’s tokens', async () => {
    // A second site of the same app: Forge signs both sites' FITs from one JWKS.
    const other = await startJiraSim({
      forge: { appId: stack.site.forge.appId, fitKey: stack.site.forge.signingKey },
    });
    try {
      expect((await other.forge.install({ remoteBaseUrl: stack.server.url })).status).toBe(200);
      const owner = await stack.client(bob.accountId);
      const { room } = await owner.ok('room:create', {
        name: 'Site A only',
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1'],
      });
      const before = await siteRows(stack.server, cloudId());
      const answer = await other.forge.invokeRemote(bob.accountId, {
        path: '/forge/session',
        method: 'POST',
        body: {},
      });
      expect(answer.status).toBe(200);
      const intruder = await PokerClient.connect(
        stack.server.url,
        (answer.body as { token: string }).token,
      );
      for (const [event, payload] of [
        ['room:join', { roomId: room.id }],
        ['vote:cast', { roomId: room.id, value: '5' }],
        ['room:remove', { roomId: room.id }],
      ] as const) {
        const ack = await intruder.call(event, payload);
        expect({ event, ack }).toMatchObject({
          event,
          ack: { ok: false, error: { code: 'NOT_FOUND' } },
        });
      }
      expect((await intruder.ok('room:list', {})).rooms).toEqual([]);
      intruder.close();
      expect(await siteRows(stack.server, cloudId())).toBe(before);
      // A session token signed by another deployment (another SECRETS_KEY) is refused.
      const foreign = await new SessionTokens('f'.repeat(64)).issue({
        tenantId: JSON.parse(
          Buffer.from(
            (await stack.session(bob.accountId)).token.split('.')[1],
            'base64url',
          ).toString(),
        ).tid,
        cloudId: cloudId(),
        accountId: bob.accountId,
        apiBaseUrl: stack.site.forge.apiBaseUrl,
        userToken: stack.site.forge.userToken(bob.accountId),
      });
      await expect(PokerClient.connect(stack.server.url, foreign.token)).rejects.toThrow(
        /UNAUTHENTICATED/,
      );
    } finally {
      await other.close();
    }
  });

  it('lets only Forge’s Custom UI origin long-poll and call /api cross-origin', async () => {
    const poll = (origin: string) =>
      fetch(`${stack.server.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { Origin: origin },
      });
    const allowed = await poll(stack.site.forge.cdnUrl);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(stack.site.forge.cdnUrl);
    const evil = await poll('https://evil.example');
    expect(evil.status).not.toBe(200);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = (origin: string) =>
      fetch(`${stack.server.url}/api/settings`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
    expect(
      (await preflight(stack.site.forge.cdnUrl)).headers.get('access-control-allow-origin'),
    ).toBe(stack.site.forge.cdnUrl);
    expect(
      (await preflight('https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});
