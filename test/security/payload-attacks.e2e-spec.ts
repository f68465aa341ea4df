import { ClientEvent, type ClientEventName, type RoomSnapshot } from '@poker/shared';
import {
  SEED_USERS,
  startJiraSim,
  STORY_POINTS_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import type { PokerClient } from '../support/poker-client';
import { startStack, tenantRows, type Stack } from '../support/stack';
import { freshSockets } from './fresh-sockets';

const { alice, bob, carol } = SEED_USERS;

/** SQL-ish, script and template strings: each must be stored and returned as plain text. */
const HOSTILE_NAMES = [
  "Robert'); DROP TABLE room;--",
  "' OR '1'='1' --",
  '1; DELETE FROM vote WHERE true; --',
  "'; SELECT pg_sleep(10); --",
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit(1)}',
  '%s%s%s%n %x',
  '../../etc/passwd',
  'javascript:alert(1)',
  '\\u0000 \\\\ " \' ` $1 $$',
];

/** Cards of a custom deck (at most 8 characters) that look like code. */
const HOSTILE_CARDS = ["'--", "' OR 1=1", '<b>1</b>', '${7*7}', '{{7*7}}', '1;DROP'];

/** A valid-looking payload for each event, to which the tests add something hostile. */
function basePayloads(roomId: string): Record<ClientEventName, Record<string, unknown>> {
  return {
    'room:create': { name: 'x', deck: { kind: 'fibonacci' }, issueKeys: [] },
    'room:list': {},
    'room:join': { roomId },
    'room:leave': { roomId },
    'room:update': { roomId, name: 'y' },
    'issue:add': { roomId, issueKeys: ['PROJ-3'] },
    'issue:remove': { roomId, issueKeys: ['PROJ-1'] },
    'issue:select': { roomId, issueKey: 'PROJ-2' },
    'vote:cast': { roomId, value: '5' },
    'vote:reveal': { roomId },
    'vote:reset': { roomId },
    'timer:start': { roomId, seconds: 60 },
    'timer:stop': { roomId },
    'estimate:save': { roomId, issueKey: 'PROJ-1', value: 5 },
    'room:transfer': { roomId, accountId: bob.accountId },
    'room:remove': { roomId },
    'member:kick': { roomId, accountId: bob.accountId, block: true },
    'member:nudge': { roomId },
    'facilitator:grant': { roomId, accountId: bob.accountId },
    'facilitator:revoke': { roomId, accountId: bob.accountId },
    'issue:skip': { roomId, issueKey: 'PROJ-1' },
    'issue:acceptAgreed': { roomId },
  };
}

/** The payload with an own `key` property, as JSON.parse makes it (`__proto__` included). */
function withOwnKey(payload: object, key: string): unknown {
  const json = JSON.stringify(payload);
  const comma = json === '{}' ? '' : ',';
  return JSON.parse(
    `${json.slice(0, -1)}${comma}"${key}":{"polluted":"yes","prototype":{"polluted":"yes"}}}`,
  );
}

const prototypeIsClean = () =>
  (({}) as Record<string, unknown>).polluted === undefined &&
  (Object.prototype as Record<string, unknown>).polluted === undefined;

describe('hostile payloads: refused cleanly or kept as inert text', () => {
  let stack: Stack;
  let site: JiraSim;
  let owner: PokerClient;
  let voter: PokerClient;
  let room: RoomSnapshot;
  /** Alice's sockets, fresh before the rate limit could answer in place of the server's rules. */
  let asOwner: () => Promise<PokerClient>;

  beforeAll(async () => {
    stack = await startStack();
    site = await stack.site();
    owner = await stack.client(site, alice.accountId);
    voter = await stack.client(site, bob.accountId);
    ({ room } = await owner.ok('room:create', {
      name: 'Target',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    }));
    await voter.ok('room:join', { roomId: room.id });
    await voter.ok('vote:cast', { roomId: room.id, value: '3' });
    asOwner = freshSockets(stack, site, alice.accountId);
  });
  afterAll(() => stack.close());

  const rows = () => tenantRows(stack.server, site.clientKey);
  const healthy = async () => (await fetch(`${stack.server.url}/healthz`)).status === 200;

  function put(path: string, body: string, headers: Record<string, string> = {}) {
    return fetch(`${stack.server.url}${path}`, {
      method: path.startsWith('/lifecycle') ? 'POST' : 'PUT',
      headers: {
        Authorization: `JWT ${site.contextToken(alice.accountId)}`,
        'Content-Type': 'application/json',
        ...headers,
      },
      body,
    });
  }

  describe('oversized input', () => {
    it('answers an HTTP body over 64 kB with a clean 413 on every route that takes one', async () => {
      const before = await rows();
      const big = JSON.stringify({ fieldId: 'x'.repeat(70 * 1024) });
      for (const path of ['/api/settings', '/lifecycle/installed', '/lifecycle/uninstalled']) {
        const response = await put(path, big);
        const body = await response.text();
        expect({ path, status: response.status, body: JSON.parse(body) as unknown }).toEqual({
          path,
          status: 413,
          body: { error: { code: 'BAD_REQUEST', message: 'Request body too large.' } },
        });
      }
      const malformed = await put('/api/settings', '{"fieldId": ');
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      expect(await rows()).toBe(before);
      expect(await healthy()).toBe(true);
    });

    it('answers an event payload over 16 KiB with BAD_REQUEST, for every event', async () => {
      const before = await rows();
      const client = await stack.client(site, carol.accountId);
      for (const [event, payload] of Object.entries(basePayloads(room.id))) {
        const ack = await client.call(event as ClientEventName, {
          ...payload,
          padding: 'x'.repeat(17 * 1024),
        });
        expect({ event, ack }).toEqual({
          event,
          ack: {
            ok: false,
            error: { code: 'BAD_REQUEST', message: expect.stringMatching(/too large/) },
          },
        });
      }
      expect(client.socket.connected).toBe(true);
      expect(await rows()).toBe(before);
    });

    it('drops a connection that sends a frame over 64 KiB, and the client simply reconnects', async () => {
      const before = await rows();
      const client = await stack.client(site, carol.accountId);
      const disconnected = new Promise<string>((resolve) =>
        client.socket.once('disconnect', resolve),
      );
      client.socket.emit(
        'vote:cast',
        { roomId: room.id, value: 'x'.repeat(70 * 1024) },
        () => undefined,
      );
      expect(await disconnected).toMatch(/transport (close|error)/);
      expect(await healthy()).toBe(true);
      expect((await owner.call('room:list', {})).ok).toBe(true);
      await waitFor(() => client.socket.connected);
      expect((await client.call('room:list', {})).ok).toBe(true);
      expect(await rows()).toBe(before);
    });
  });

  describe('prototype pollution', () => {
    it('refuses __proto__, constructor and prototype keys in every event with BAD_REQUEST', async () => {
      const before = await rows();
      const asCarol = freshSockets(stack, site, carol.accountId);
      const payloads = basePayloads(room.id);
      const attempts: [string, unknown][] = [];
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        for (const event of Object.values(ClientEvent))
          attempts.push([event, withOwnKey(payloads[event], key)]);
      }
      for (const event of ['room:create', 'room:update'] as const) {
        const deck = { kind: 'custom', cards: ['1', '2'], values: { '1': 1 } };
        attempts.push([event, { ...payloads[event], deck: withOwnKey(deck, '__proto__') }]);
        attempts.push([
          event,
          { ...payloads[event], deck: { ...deck, values: withOwnKey({ '1': 1 }, '__proto__') } },
        ]);
        attempts.push([
          event,
          { ...payloads[event], deck: { ...deck, values: withOwnKey({}, 'constructor') } },
        ]);
      }
      for (const [event, payload] of attempts) {
        const ack = await (await asCarol()).call(event as ClientEventName, payload);
        expect({ event, payload: JSON.stringify(payload), ack }).toMatchObject({
          ack: { ok: false, error: { code: 'BAD_REQUEST' } },
        });
      }
      expect(prototypeIsClean()).toBe(true);
      expect(await rows()).toBe(before);
    });

    it('refuses polluting keys in HTTP bodies, and ignores them in a genuinely signed install', async () => {
      const before = await rows();
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const body = JSON.stringify(withOwnKey({ fieldId: STORY_POINTS_FIELD }, key));
        const response = await put('/api/settings', body);
        expect({ key, status: response.status }).toEqual({ key, status: 400 });
        const unsigned = await put('/lifecycle/installed', body, { Authorization: 'JWT x.y.z' });
        expect({ key, status: unsigned.status }).toEqual({ key, status: 401 });
      }
      expect(await rows()).toBe(before);

      // Jira may add fields to the install payload, so unknown keys are dropped, never merged.
      const fresh = await startJiraSim({ installKeys: stack.keys });
      const installed = await fresh.install(`${stack.server.url}/atlassian-connect.json`, {
        payload: withOwnKey({ displayUrl: fresh.url }, '__proto__') as Record<string, unknown>,
      });
      expect(installed.status).toBe(204);
      const tenant = await stack.server.db.query(
        'SELECT base_url FROM tenant WHERE client_key = $1',
        [fresh.clientKey],
      );
      expect(tenant).toEqual([{ base_url: fresh.url }]);
      await fresh.close();
      expect(prototypeIsClean()).toBe(true);
      expect(await healthy()).toBe(true);
    });
  });

  describe('SQL-ish and script strings', () => {
    it('stores and returns every hostile room name verbatim, and runs none of it', async () => {
      const watcher = await stack.client(site, carol.accountId);
      for (const name of HOSTILE_NAMES) {
        const started = Date.now();
        const { room: created } = await (
          await asOwner()
        ).ok('room:create', {
          name,
          deck: { kind: 'fibonacci' },
        });
        expect(Date.now() - started).toBeLessThan(2000);
        expect(created.name).toBe(name);
        await watcher.ok('room:join', { roomId: created.id });
        const renamed = `${name} (2)`;
        const { room: updated } = await (
          await asOwner()
        ).ok('room:update', {
          roomId: created.id,
          name: renamed,
        });
        expect(updated.name).toBe(renamed);
        const seen = await watcher.waitForState((r) => r.id === created.id && r.name === renamed);
        expect(seen.name).toBe(renamed);
        const stored = await stack.server.db.query('SELECT name FROM room WHERE id = $1', [
          created.id,
        ]);
        expect(stored).toEqual([{ name: renamed }]);
        const { rooms } = await (await asOwner()).ok('room:list', {});
        expect(rooms.find((r) => r.id === created.id)?.name).toBe(renamed);
      }
      const exported = await fetch(`${stack.server.url}/api/export`, {
        headers: { Authorization: `JWT ${site.contextToken(alice.accountId)}` },
      });
      const names = ((await exported.json()) as { rooms: { name: string }[] }).rooms.map(
        (r) => r.name,
      );
      expect(names).toEqual(expect.arrayContaining(HOSTILE_NAMES.map((name) => `${name} (2)`)));
      const tables = await stack.server.db.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('room', 'vote', 'tenant', 'room_member', 'room_issue')`,
      );
      expect(tables).toEqual([{ n: 5 }]);
    });

    it('keeps hostile card values of a custom deck as plain text through vote and reveal', async () => {
      const { room: cards } = await (
        await asOwner()
      ).ok('room:create', {
        name: 'Cards',
        deck: { kind: 'custom', cards: HOSTILE_CARDS },
        issueKeys: ['PROJ-4'],
      });
      expect(cards.deck.cards).toEqual(HOSTILE_CARDS);
      await voter.ok('room:join', { roomId: cards.id });
      await (await asOwner()).ok('vote:cast', { roomId: cards.id, value: HOSTILE_CARDS[1] });
      await voter.ok('vote:cast', { roomId: cards.id, value: HOSTILE_CARDS[2] });
      const { room: revealed } = await (await asOwner()).ok('vote:reveal', { roomId: cards.id });
      expect(revealed.votes).toEqual(
        expect.arrayContaining([
          { accountId: alice.accountId, value: HOSTILE_CARDS[1] },
          { accountId: bob.accountId, value: HOSTILE_CARDS[2] },
        ]),
      );
      const stored = await stack.server.db.query(
        'SELECT value FROM vote WHERE room_id = $1 ORDER BY value',
        [cards.id],
      );
      expect(stored.map((row: { value: string }) => row.value).sort()).toEqual(
        [HOSTILE_CARDS[1], HOSTILE_CARDS[2]].sort(),
      );
    });

    it('refuses hostile text in every constrained field with BAD_REQUEST, changing nothing', async () => {
      const before = await rows();
      const hostile = HOSTILE_NAMES.slice(0, 6);
      const attempts: [string, object][] = hostile.flatMap((text): [string, object][] => [
        ['room:join', { roomId: text }],
        ['room:join', { roomId: room.id, role: text }],
        ['issue:add', { roomId: room.id, issueKeys: [text] }],
        ['issue:select', { roomId: room.id, issueKey: text }],
        ['vote:cast', { roomId: room.id, value: text.slice(0, 8) }],
        ['room:update', { roomId: room.id, fieldId: text }],
        ['room:transfer', { roomId: room.id, accountId: text }],
        ['room:create', { name: 'x', deck: { kind: text } }],
      ]);
      for (const [event, payload] of attempts) {
        const ack = await (await asOwner()).call(event as ClientEventName, payload);
        expect({ event, payload, ack }).toMatchObject({
          ack: { ok: false, error: { code: 'BAD_REQUEST' } },
        });
      }
      for (const text of hostile) {
        const response = await put('/api/settings', JSON.stringify({ fieldId: text }));
        expect({ text, status: response.status }).toEqual({ text, status: 400 });
      }
      expect(await rows()).toBe(before);
    });

    it('passes hostile JQL to Jira as data and answers with a clean error', async () => {
      const before = await rows();
      for (const jql of [
        "project = PROJ'; DROP TABLE room; --",
        'key in (PROJ-1) OR 1=1',
        '<script>x</script>',
      ]) {
        const ack = await (
          await asOwner()
        ).call('issue:add', { roomId: room.id, issueKeys: [], jql });
        expect({ jql, ack }).toMatchObject({ ack: { ok: false, error: { code: 'BAD_REQUEST' } } });
      }
      expect(await rows()).toBe(before);
      expect(await healthy()).toBe(true);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
