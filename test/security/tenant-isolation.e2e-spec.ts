import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import type { RoomSnapshot } from '@poker/shared';
import type { PokerClient } from '../support/poker-client';
import { startStack, tenantRows, type Stack } from '../support/stack';

const { alice, bob, carol, dave, erin } = SEED_USERS;

/** Every event that names a room, with an otherwise valid payload. */
function roomEvents(room: RoomSnapshot, accountId: string): [string, object][] {
  return [
    ['room:join', { roomId: room.id }],
    ['room:join', { roomId: room.id, role: 'observer' }],
    ['room:leave', { roomId: room.id }],
    ['room:update', { roomId: room.id, name: 'Taken over' }],
    ['issue:add', { roomId: room.id, issueKeys: ['PROJ-9'] }],
    ['issue:remove', { roomId: room.id, issueKeys: ['PROJ-1'] }],
    ['issue:select', { roomId: room.id, issueKey: 'PROJ-2' }],
    ['vote:cast', { roomId: room.id, value: '5' }],
    ['vote:cast', { roomId: room.id, value: null }],
    ['vote:reveal', { roomId: room.id }],
    ['vote:reset', { roomId: room.id }],
    ['timer:start', { roomId: room.id, seconds: 60 }],
    ['timer:stop', { roomId: room.id }],
    ['estimate:save', { roomId: room.id, issueKey: 'PROJ-1', value: 5 }],
    ['room:transfer', { roomId: room.id, accountId }],
    ['room:remove', { roomId: room.id }],
  ];
}

/** The events only the owner may send (DESIGN.md "Authentication"). */
const OWNER_ONLY = new Set([
  'room:update',
  'issue:add',
  'issue:remove',
  'issue:select',
  'vote:reveal',
  'vote:reset',
  'timer:start',
  'timer:stop',
  'estimate:save',
  'room:transfer',
  'room:remove',
]);

describe('isolation: tenants never reach each other, members never act as owners', () => {
  let stack: Stack;
  let siteA: JiraSim;
  let siteB: JiraSim;
  let ownerB: PokerClient;
  let roomB: RoomSnapshot;

  beforeAll(async () => {
    stack = await startStack();
    [siteA, siteB] = [await stack.site(), await stack.site()];
    for (const [site, fieldId] of [
      [siteA, STORY_POINTS_FIELD],
      [siteB, STORY_POINT_ESTIMATE_FIELD],
    ] as const) {
      const response = await api(site, alice.accountId, 'PUT', '/api/settings', { fieldId });
      expect(response.status).toBe(200);
    }
    ownerB = await stack.client(siteB, alice.accountId);
    ({ room: roomB } = await ownerB.ok('room:create', {
      name: 'Tenant B secrets',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    }));
    const voterB = await stack.client(siteB, bob.accountId);
    await voterB.ok('room:join', { roomId: roomB.id });
    await voterB.ok('vote:cast', { roomId: roomB.id, value: '8' });
  });
  afterAll(() => stack.close());

  function api(site: JiraSim, accountId: string, method: string, path: string, body?: object) {
    return fetch(`${stack.server.url}${path}`, {
      method,
      headers: {
        Authorization: `JWT ${site.contextToken(accountId)}`,
        'Content-Type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  it("answers NOT_FOUND to another tenant's valid socket for every event on a room", async () => {
    const before = await tenantRows(stack.server, siteB.clientKey);
    const intruder = await stack.client(siteA, alice.accountId);
    for (const [event, payload] of roomEvents(roomB, alice.accountId)) {
      const ack = await intruder.call(event as 'room:join', payload);
      expect({ event, payload, ack }).toMatchObject({
        ack: { ok: false, error: { code: 'NOT_FOUND' } },
      });
    }
    const { rooms } = await intruder.ok('room:list', {});
    expect(rooms.map((r) => r.id)).not.toContain(roomB.id);
    expect(intruder.states).toHaveLength(0);
    expect(await tenantRows(stack.server, siteB.clientKey)).toBe(before);
  });

  it("shows and changes only the caller's own tenant in settings and export", async () => {
    const beforeB = await tenantRows(stack.server, siteB.clientKey);
    const settingsA = await api(siteA, alice.accountId, 'GET', '/api/settings');
    expect(await settingsA.json()).toEqual({ fieldId: STORY_POINTS_FIELD, projectFields: {} });
    const put = await api(siteA, alice.accountId, 'PUT', '/api/settings', {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(put.status).toBe(200);
    const exported = await api(siteA, alice.accountId, 'GET', '/api/export');
    expect(exported.status).toBe(200);
    const text = await exported.text();
    expect(text).toContain(siteA.clientKey);
    expect(text).not.toContain(siteB.clientKey);
    expect(text).not.toContain(roomB.id);
    expect(text).not.toContain('Tenant B secrets');
    expect(await tenantRows(stack.server, siteB.clientKey)).toBe(beforeB);
  });

  it('refuses settings changes and the export to someone Jira does not call an admin', async () => {
    const before = await tenantRows(stack.server, siteB.clientKey);
    const put = await api(siteB, bob.accountId, 'PUT', '/api/settings', {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(put.status).toBe(403);
    expect(await put.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const exported = await api(siteB, bob.accountId, 'GET', '/api/export');
    expect(exported.status).toBe(403);
    expect(await exported.text()).not.toContain(roomB.id);
    expect(await tenantRows(stack.server, siteB.clientKey)).toBe(before);
  });

  it('answers FORBIDDEN to a voter, an observer and a non-member for every owner-only event', async () => {
    const owner = await stack.client(siteB, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Owner only',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    const voter = await stack.client(siteB, carol.accountId);
    const observer = await stack.client(siteB, erin.accountId);
    const stranger = await stack.client(siteB, dave.accountId);
    await voter.ok('room:join', { roomId: room.id });
    await observer.ok('room:join', { roomId: room.id, role: 'observer' });
    const before = await tenantRows(stack.server, siteB.clientKey);
    for (const [who, client, accountId] of [
      ['voter', voter, carol.accountId],
      ['observer', observer, erin.accountId],
      ['non-member', stranger, dave.accountId],
    ] as const) {
      for (const [event, payload] of roomEvents(room, accountId)) {
        if (!OWNER_ONLY.has(event)) continue;
        const ack = await client.call(event as 'vote:reveal', payload);
        expect({ who, event, ack }).toMatchObject({
          ack: { ok: false, error: { code: 'FORBIDDEN' } },
        });
      }
    }
    // A non-member cannot vote or leave either: only members act in a room.
    for (const [event, payload] of [
      ['vote:cast', { roomId: room.id, value: '3' }],
      ['room:leave', { roomId: room.id }],
    ] as const) {
      const ack = await stranger.call(event, payload);
      expect({ event, ack }).toMatchObject({ ack: { ok: false, error: { code: 'FORBIDDEN' } } });
    }
    expect(await tenantRows(stack.server, siteB.clientKey)).toBe(before);
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200);
  });
});
