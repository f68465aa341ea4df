import {
  BUSINESS_VALUE_FIELD,
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  TEAM_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import type { ErrorCode } from '@poker/shared';
import type { PokerClient } from '../support/poker-client';
import { settingsRequest } from '../support/settings-api';
import { startStack, tenantRows, type Stack } from '../support/stack';

const { alice, bob, dave } = SEED_USERS;

/** One way Jira makes an estimate save fail, and the error the room's owner gets for it. */
interface SaveFailure {
  title: string;
  /** Who owns the room and saves. */
  accountId: string;
  /** The site's estimate field; null when none is chosen. */
  fieldId: string | null;
  issueKey: string;
  value: number;
  /** Puts Jira into the failing condition once the round is revealed. */
  arrange?: (site: JiraSim) => unknown;
  code: ErrorCode;
  /** A fragment of the error's message. */
  message: RegExp;
  /** What else must hold once the save was refused. */
  afterwards?: (site: JiraSim, roomId: string) => Promise<void> | void;
}

describe('Jira integration: estimate field, saving estimates, issue queue', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Keep retries real but quick.
    stack = await startStack({ JIRA_RETRY_BASE_DELAY_MS: '20', JIRA_TIMEOUT_MS: '3000' });
  });
  afterAll(() => stack.close());

  function settings(site: JiraSim, accountId: string, body?: object) {
    return settingsRequest(stack.server.url, site, accountId, body);
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
      expect(await get.json()).toEqual({ fieldId: STORY_POINT_ESTIMATE_FIELD, projectFields: {} });
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
      expect(await (await settings(site, bob.accountId)).json()).toEqual({
        fieldId: null,
        projectFields: {},
      });
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

    const saveFailures: SaveFailure[] = [
      {
        title: 'refuses to write for a user who may not edit the issue in Jira',
        accountId: dave.accountId,
        fieldId: STORY_POINTS_FIELD,
        issueKey: 'PROJ-8',
        value: 5,
        code: 'FORBIDDEN',
        // The readiness badge's own words (libs/shared readiness.ts).
        message: /^You may not edit PROJ-8 in Jira, so its estimate cannot be saved\.$/,
        afterwards: (site) => {
          expect(site.requests.some((r) => r.method === 'PUT')).toBe(false);
        },
      },
      {
        title: 'explains a field that is not on the edit screen, naming it and the project',
        accountId: alice.accountId,
        fieldId: BUSINESS_VALUE_FIELD,
        issueKey: 'PROJ-9',
        value: 5,
        code: 'CONFLICT',
        message: /^Business Value is not on the edit screen of PROJ-9’s issue type in PROJ\.$/,
      },
      {
        title: 'explains an issue deleted in Jira',
        accountId: alice.accountId,
        fieldId: STORY_POINTS_FIELD,
        issueKey: 'PROJ-10',
        value: 5,
        arrange: (site) => fetch(`${site.url}/_sim/issues/PROJ-10`, { method: 'DELETE' }),
        code: 'NOT_FOUND',
        message: /^PROJ-10 is not in Jira, or you may not see it\.$/,
      },
      {
        title: 'gives a clear JIRA_ERROR when Jira stays unavailable, and records nothing',
        accountId: alice.accountId,
        fieldId: STORY_POINTS_FIELD,
        issueKey: 'PROJ-12',
        value: 2,
        arrange: (site) =>
          site.faults.add({ pathPrefix: '/rest/api/3/issue/PROJ-12', status: 503, times: 100 }),
        code: 'JIRA_ERROR',
        message: /503/,
        afterwards: async (site, roomId) => {
          const row = await stack.server.db.query(
            'SELECT saved_value FROM room_issue WHERE room_id = $1',
            [roomId],
          );
          expect(row).toEqual([{ saved_value: null }]);
          site.faults.clear();
        },
      },
      {
        title: 'asks for an estimate field when none is chosen',
        accountId: alice.accountId,
        fieldId: null,
        issueKey: 'PROJ-13',
        value: 2,
        code: 'CONFLICT',
        message: /estimate field/,
      },
    ];

    it.each(saveFailures)('$title', async (failure) => {
      const site = failure.fieldId ? await siteWithField(failure.fieldId) : await stack.site();
      const owner = await stack.client(site, failure.accountId);
      const room = await revealedRoom(owner, [failure.issueKey]);
      await failure.arrange?.(site);
      const ack = await owner.call('estimate:save', {
        roomId: room.id,
        issueKey: failure.issueKey,
        value: failure.value,
      });
      expect(ack).toMatchObject({
        ok: false,
        error: { code: failure.code, message: expect.stringMatching(failure.message) },
      });
      await failure.afterwards?.(site, room.id);
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
