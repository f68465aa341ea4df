import { io } from 'socket.io-client';
import {
  startJiraSim,
  SEED_USERS,
  STORY_POINTS_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { APP_KEY } from '../../apps/server/src/connect/descriptor';
import { PokerClient } from '../support/poker-client';
import { startStack, tenantRows, type Stack } from '../support/stack';
import { contextTokenAttacks, installTokenAttacks } from './attack-tokens';

const { alice, bob } = SEED_USERS;

/** Every browser-facing HTTP route (context JWT), with a body where it takes one. */
const API_ROUTES: { method: 'GET' | 'PUT'; path: string; body?: object }[] = [
  { method: 'GET', path: '/api/settings' },
  { method: 'PUT', path: '/api/settings', body: { fieldId: STORY_POINTS_FIELD } },
  { method: 'GET', path: '/api/export' },
];

describe('attacks on authentication: every bad JWT is refused and changes nothing', () => {
  let stack: Stack;
  let victim: JiraSim;
  let attacker: JiraSim;
  let owner: PokerClient;
  let before: string[];

  beforeAll(async () => {
    stack = await startStack();
    [victim, attacker] = [await stack.site(), await stack.site()];
    // Data worth protecting: a chosen field, a room, a vote. The owner stays connected so no
    // presence update moves a timestamp while the rows are compared.
    const put = await call(victim.contextToken(alice.accountId), API_ROUTES[1]);
    expect(put.status).toBe(200);
    owner = await stack.client(victim, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Protected',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    await owner.ok('vote:cast', { roomId: room.id, value: '5' });
    before = await rows();
  });
  afterAll(() => stack.close());

  const rows = () =>
    Promise.all([victim, attacker].map((site) => tenantRows(stack.server, site.clientKey)));

  function call(token: string | null, route: (typeof API_ROUTES)[number], viaQuery = false) {
    const query = token && viaQuery ? `?jwt=${encodeURIComponent(token)}` : '';
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token && !viaQuery) headers.Authorization = `JWT ${token}`;
    return fetch(`${stack.server.url}${route.path}${query}`, {
      method: route.method,
      headers,
      body: route.body ? JSON.stringify(route.body) : undefined,
    });
  }

  it('serves the genuine context token on every route (the control case)', async () => {
    for (const route of API_ROUTES) {
      const response = await call(victim.contextToken(alice.accountId), route);
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
    }
    expect(await rows()).toEqual(before);
  });

  it.each(API_ROUTES)(
    '$method $path refuses every forged, expired or misdirected token with 401',
    async (route) => {
      const attacks: [string, string | null][] = [
        ['no token at all', null],
        ...contextTokenAttacks(victim, attacker, alice.accountId),
      ];
      for (const [attack, token] of attacks) {
        for (const viaQuery of [false, true]) {
          const response = await call(token, route, viaQuery);
          const body: unknown = await response.json();
          expect({ attack, viaQuery, status: response.status, body }).toEqual({
            attack,
            viaQuery,
            status: 401,
            body: { error: { code: 'UNAUTHENTICATED', message: expect.any(String) } },
          });
        }
      }
      expect(await rows()).toEqual(before);
    },
  );

  it('refuses the socket handshake for every bad token, saying why without echoing it', async () => {
    const attacks = contextTokenAttacks(victim, attacker, alice.accountId);
    for (const [attack, token] of attacks) {
      const error = await PokerClient.connect(stack.server.url, token).then(
        (client) => {
          client.close();
          return null;
        },
        (rejection: Error) => rejection,
      );
      expect({ attack, message: error?.message }).toEqual({
        attack,
        message: expect.stringMatching(/^UNAUTHENTICATED: /),
      });
      expect(error?.message).not.toContain(token);
    }
    for (const auth of [
      {},
      { token: 42 },
      { token: { iss: victim.clientKey } },
      { token: 'x'.repeat(9000) },
    ]) {
      await expect(connectWithAuth(stack.server.url, auth)).rejects.toThrow(/UNAUTHENTICATED/);
    }
    expect(await rows()).toEqual(before);
  });

  it('re-checks the token on every reconnect: a socket whose new token is bad stays out', async () => {
    let token = victim.contextToken(bob.accountId);
    const client = await PokerClient.connect(stack.server.url, () => token);
    token = victim.contextToken(bob.accountId, { expiresInSec: -600 });
    const refused = new Promise<Error>((resolve) => client.socket.once('connect_error', resolve));
    client.socket.io.engine.close();
    expect((await refused).message).toMatch(/UNAUTHENTICATED: JWT has expired/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.socket.connected).toBe(false);
    client.close();
  });

  describe('lifecycle routes (signed install, RS256)', () => {
    let fresh: JiraSim;
    beforeAll(async () => {
      fresh = await startJiraSim({ installKeys: stack.keys });
    });
    afterAll(() => fresh.close());

    function lifecycle(path: string, site: JiraSim, authorization: string | undefined) {
      const eventType = path.endsWith('uninstalled') ? 'uninstalled' : 'installed';
      return fetch(`${stack.server.url}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(authorization ? { Authorization: authorization } : {}),
        },
        body: JSON.stringify({
          key: APP_KEY,
          clientKey: site.clientKey,
          sharedSecret: 'attacker-chosen-shared-secret-0123456789',
          baseUrl: site.url,
          eventType,
          productType: 'jira',
        }),
      });
    }

    it('refuses a new install with any bad token, creating no tenant', async () => {
      const path = '/lifecycle/installed';
      const attacks: [string, string | undefined][] = [
        ['no Authorization header', undefined],
        ['a Bearer of garbage', 'Bearer garbage'],
        ...installTokenAttacks(fresh, stack.server.url, path).map(
          ([name, token]): [string, string] => [name, `JWT ${token}`],
        ),
      ];
      for (const [attack, authorization] of attacks) {
        const response = await lifecycle(path, fresh, authorization);
        expect({ attack, status: response.status }).toEqual({ attack, status: 401 });
      }
      expect(await tenantRows(stack.server, fresh.clientKey)).toBe('[]');
    });

    it('refuses an uninstall (or a secret-rotating re-install) with any bad token, keeping every row', async () => {
      for (const path of ['/lifecycle/uninstalled', '/lifecycle/installed']) {
        for (const [attack, token] of installTokenAttacks(victim, stack.server.url, path)) {
          const response = await lifecycle(path, victim, `JWT ${token}`);
          expect({ path, attack, status: response.status }).toEqual({ path, attack, status: 401 });
        }
      }
      expect(await rows()).toEqual(before);
      const stillWorks = await call(victim.contextToken(bob.accountId), API_ROUTES[0]);
      expect(stillWorks.status).toBe(200);
    });
  });

  it('is still healthy afterwards', async () => {
    const health = await fetch(`${stack.server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(owner.socket.connected).toBe(true);
  });
});

function connectWithAuth(baseUrl: string, auth: object): Promise<void> {
  const socket = io(`${baseUrl}/poker`, { auth, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      resolve();
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
