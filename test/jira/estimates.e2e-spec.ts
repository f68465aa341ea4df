import {
  BUSINESS_VALUE_FIELD,
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  TEAM_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { JiraService } from '../../apps/server/src/jira/jira.service';
import type { PokerClient } from '../support/poker-client';
import { startStack, tenantRows, type Stack } from '../support/stack';

const { alice, bob, dave } = SEED_USERS;

describe('Jira integration: estimate field, saving estimates, issue queue', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    // Keep retries real but quick.
    stack.server.app.get(JiraService).configure({ baseDelayMs: 20, timeoutMs: 3000 });
  });
  afterAll(() => stack.close());

  function settings(site: JiraSim, accountId: string, body?: object) {
    return fetch(`${stack.server.url}/api/settings`, {
      method: body ? 'PUT' : 'GET',
      headers: {
        Authorization: `JWT ${site.contextToken(accountId)}`,
        'Content-Type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  async function siteWithField(fieldId = STORY_POINTS_FIELD): Promise<JiraSim> {
    const site = await stack.site();
    const response = await settings(site, alice.accountId, { fieldId });
    expect(response.status).toBe(200);
    return site;
  }

  async function revealedRoom(
    owner: PokerClient,
    issueKeys: string[],
    deck: object = { kind: 'fibonacci' },
  ) {
    const { room } = await owner.ok('room:create', {
      name: 'Refinement',
      deck: deck as never,
      issueKeys,
    });
    await owner.ok('vote:cast', {
      roomId: room.id,
      value: (deck as { kind: string }).kind === 't-shirt' ? 'L' : '8',
    });
    return (await owner.ok('vote:reveal', { roomId: room.id })).room;
  }

  describe('admin settings', () => {
    it('stores only the chosen field ID when a Jira admin picks it', async () => {
      const site = await stack.site();
      const put = await settings(site, alice.accountId, { fieldId: STORY_POINT_ESTIMATE_FIELD });
      expect(put.status).toBe(200);
      expect(await put.json()).toEqual({ fieldId: STORY_POINT_ESTIMATE_FIELD });
      const get = await settings(site, bob.accountId);
      expect(await get.json()).toEqual({ fieldId: STORY_POINT_ESTIMATE_FIELD });
      const rows = await stack.server.db.query(
        'SELECT default_field_id FROM tenant WHERE client_key = $1',
        [site.clientKey],
      );
      expect(rows).toEqual([{ default_field_id: STORY_POINT_ESTIMATE_FIELD }]);
      expect(await tenantRows(stack.server, site.clientKey)).not.toMatch(/Story point/i);
    });

    it('answers FORBIDDEN to a non-admin, as Jira says, whatever the browser claims', async () => {
      const site = await stack.site();
      const response = await settings(site, bob.accountId, { fieldId: STORY_POINTS_FIELD });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(await (await settings(site, bob.accountId)).json()).toEqual({ fieldId: null });
    });

    it('refuses an unknown field and a field that does not hold numbers', async () => {
      const site = await stack.site();
      for (const fieldId of ['customfield_99999', TEAM_FIELD, 'summary']) {
        const response = await settings(site, alice.accountId, { fieldId });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      }
      const malformed = await settings(site, alice.accountId, { fieldId: 'x y', extra: 1 });
      expect(malformed.status).toBe(400);
    });

    it('refuses requests without a valid context token', async () => {
      const site = await stack.site();
      const response = await fetch(`${stack.server.url}/api/settings`);
      expect(response.status).toBe(401);
      const expired = await fetch(`${stack.server.url}/api/settings`, {
        headers: {
          Authorization: `JWT ${site.contextToken(alice.accountId, { expiresInSec: -600 })}`,
        },
      });
      expect(expired.status).toBe(401);
    });
  });

  describe('estimate:save', () => {
    it('writes the agreed value into the issue field with a valid app JWT, and records it', async () => {
      const site = await siteWithField();
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['PROJ-3', 'PROJ-4']);
      site.requests.length = 0;
      const { room: saved } = await owner.ok('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-3',
        value: 8,
      });
      expect(site.issue('PROJ-3')?.fields[STORY_POINTS_FIELD]).toBe(8);
      const put = site.requests.find(
        (r) => r.method === 'PUT' && r.path === '/rest/api/3/issue/PROJ-3',
      );
      expect(put).toMatchObject({ authKind: 'jwt', jwtValid: true, qshValid: true, status: 204 });
      expect(site.requests.some((r) => r.path === '/rest/api/3/permissions/check')).toBe(true);
      expect(saved.issues.find((i) => i.issueKey === 'PROJ-3')).toMatchObject({ savedValue: 8 });
      const row = await stack.server.db.query(
        'SELECT saved_value, saved_by_account_id FROM room_issue WHERE room_id = $1 AND issue_key = $2',
        [room.id, 'PROJ-3'],
      );
      expect(row).toEqual([{ saved_value: 8, saved_by_account_id: alice.accountId }]);
    });

    it('moves on to the next unsaved issue after a save when auto-advance is on', async () => {
      const site = await siteWithField();
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['PROJ-6', 'PROJ-7']);
      await owner.ok('room:update', { roomId: room.id, autoAdvance: true });
      const { room: next } = await owner.ok('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-6',
        value: 3,
      });
      expect(next).toMatchObject({ currentIssueKey: 'PROJ-7', round: 1, revealed: false });
    });

    it('uses the room field over the tenant default', async () => {
      const site = await siteWithField(STORY_POINTS_FIELD);
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['TEAM-2']);
      await owner.ok('room:update', { roomId: room.id, fieldId: STORY_POINT_ESTIMATE_FIELD });
      await owner.ok('estimate:save', { roomId: room.id, issueKey: 'TEAM-2', value: 5 });
      expect(site.issue('TEAM-2')?.fields[STORY_POINT_ESTIMATE_FIELD]).toBe(5);
    });

    it('refuses to write for a user who may not edit the issue in Jira', async () => {
      const site = await siteWithField();
      const owner = await stack.client(site, dave.accountId);
      const room = await revealedRoom(owner, ['PROJ-8']);
      const ack = await owner.call('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-8',
        value: 5,
      });
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/permission to edit PROJ-8/) },
      });
      expect(site.requests.some((r) => r.method === 'PUT')).toBe(false);
    });

    it('explains a field that is not on the edit screen, naming the project', async () => {
      const site = await siteWithField(BUSINESS_VALUE_FIELD);
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['PROJ-9']);
      const ack = await owner.call('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-9',
        value: 5,
      });
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/edit screen of project PROJ/) },
      });
    });

    it('explains an issue deleted in Jira', async () => {
      const site = await siteWithField();
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['PROJ-10']);
      await fetch(`${site.url}/_sim/issues/PROJ-10`, { method: 'DELETE' });
      const ack = await owner.call('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-10',
        value: 5,
      });
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/deleted/) },
      });
    });

    it('retries after a 429 with Retry-After and then succeeds', async () => {
      const site = await siteWithField();
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['PROJ-11']);
      site.faults.add({
        method: 'PUT',
        pathPrefix: '/rest/api/3/issue/PROJ-11',
        status: 429,
        times: 1,
        retryAfterSec: 1,
      });
      const started = Date.now();
      await owner.ok('estimate:save', { roomId: room.id, issueKey: 'PROJ-11', value: 13 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(site.issue('PROJ-11')?.fields[STORY_POINTS_FIELD]).toBe(13);
    });

    it('gives a clear JIRA_ERROR when Jira stays unavailable, and records nothing', async () => {
      const site = await siteWithField();
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['PROJ-12']);
      site.faults.add({ pathPrefix: '/rest/api/3/issue/PROJ-12', status: 503, times: 100 });
      const ack = await owner.call('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-12',
        value: 2,
      });
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'JIRA_ERROR', message: expect.stringMatching(/503/) },
      });
      const row = await stack.server.db.query(
        'SELECT saved_value FROM room_issue WHERE room_id = $1',
        [room.id],
      );
      expect(row).toEqual([{ saved_value: null }]);
      site.faults.clear();
    });

    it('asks for an estimate field when none is chosen', async () => {
      const site = await stack.site();
      const owner = await stack.client(site, alice.accountId);
      const room = await revealedRoom(owner, ['PROJ-13']);
      const ack = await owner.call('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-13',
        value: 2,
      });
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/estimate field/) },
      });
    });
  });

  describe('issue queue', () => {
    it('adds issues by JQL, storing only their keys', async () => {
      const site = await stack.site();
      const owner = await stack.client(site, alice.accountId);
      const { room } = await owner.ok('room:create', {
        name: 'Team',
        deck: { kind: 'fibonacci' },
        issueKeys: [],
        jql: 'project = TEAM ORDER BY key ASC',
      });
      expect(room.issues.map((i) => i.issueKey)).toEqual(
        Array.from({ length: 10 }, (_, i) => `TEAM-${i + 1}`),
      );
      const { room: more } = await owner.ok('issue:add', {
        roomId: room.id,
        issueKeys: ['PROJ-1'],
        jql: 'key in (PROJ-2, TEAM-1)',
      });
      expect(more.issues.map((i) => i.issueKey).slice(-2)).toEqual(['PROJ-1', 'PROJ-2']);
      const summary = site.issue('TEAM-1')!.fields.summary as string;
      expect(await tenantRows(stack.server, site.clientKey)).not.toContain(summary);
    });

    it('refuses issue keys that do not exist in this Jira, and a bad JQL, changing nothing', async () => {
      const site = await stack.site();
      const owner = await stack.client(site, alice.accountId);
      const missing = await owner.call('room:create', {
        name: 'x',
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1', 'NOPE-1'],
      });
      expect(missing).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringMatching(/NOPE-1/) },
      });
      const badJql = await owner.call('room:create', {
        name: 'x',
        deck: { kind: 'fibonacci' },
        issueKeys: [],
        jql: 'summary ~ "x" OR',
      });
      expect(badJql).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringMatching(/JQL/) },
      });
      const { rooms } = await owner.ok('room:list', {});
      expect(rooms).toEqual([]);
    });

    it('moves between issues and removes them from the queue', async () => {
      const site = await stack.site();
      const owner = await stack.client(site, alice.accountId);
      const { room } = await owner.ok('room:create', {
        name: 'q',
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1', 'PROJ-2', 'PROJ-3'],
      });
      await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-2' });
      const { room: after } = await owner.ok('issue:remove', {
        roomId: room.id,
        issueKeys: ['PROJ-2'],
      });
      expect(after.issues.map((i) => i.issueKey)).toEqual(['PROJ-1', 'PROJ-3']);
      expect(after.currentIssueKey).toBe('PROJ-1');
      const notInRoom = await owner.call('issue:select', { roomId: room.id, issueKey: 'PROJ-2' });
      expect(notInRoom).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });
  });
});
