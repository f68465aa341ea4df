import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  TEAM_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { startForgeStack, type ForgeStack } from '../support/forge-stack';
import { startStack, type Stack } from '../support/stack';
import { defaultField, playRound, projectFieldRequest, setTimeTracking } from './planning-support';

const { alice, bob } = SEED_USERS;
const TIME_DECK = { kind: 'time' } as const;

/**
 * Jira-native planning, the fields (issue 16 points 2 and 3): each issue saves into its own
 * field (the board's, the project's override, the room's, the site's), a time deck writes
 * Original Estimate, and a blocked save says what the readiness badge says.
 */
describe('Jira-native planning: the right field for every issue', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ JIRA_RETRY_BASE_DELAY_MS: '20' });
  });
  afterAll(() => stack.close());

  async function siteWithDefault(): Promise<JiraSim> {
    const site = await stack.site();
    await defaultField(stack.server.url, site, alice.accountId, STORY_POINTS_FIELD);
    return site;
  }

  async function room(site: JiraSim, issueKeys: string[], extra: object = {}) {
    const owner = await stack.client(site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Planning',
      deck: { kind: 'fibonacci' },
      issueKeys,
      ...extra,
    });
    return { owner, room };
  }

  it('saves a company-managed and a team-managed issue of one room each into its own field', async () => {
    const site = await siteWithDefault();
    const override = await projectFieldRequest(
      stack.server.url,
      site,
      alice.accountId,
      'TEAM',
      STORY_POINT_ESTIMATE_FIELD,
    );
    expect(override.status).toBe(200);
    const { owner, room: created } = await room(site, ['PROJ-3', 'TEAM-3']);
    const untouched = [
      site.issue('PROJ-3')?.fields[STORY_POINT_ESTIMATE_FIELD],
      site.issue('TEAM-3')?.fields[STORY_POINTS_FIELD],
    ];
    await playRound(owner, created.id, [[owner, '5']]);
    await owner.ok('estimate:save', { roomId: created.id, issueKey: 'PROJ-3', value: 5 });
    await owner.ok('issue:select', { roomId: created.id, issueKey: 'TEAM-3' });
    await playRound(owner, created.id, [[owner, '8']]);
    await owner.ok('estimate:save', { roomId: created.id, issueKey: 'TEAM-3', value: 8 });
    expect(site.issue('PROJ-3')?.fields[STORY_POINTS_FIELD]).toBe(5);
    expect(site.issue('TEAM-3')?.fields[STORY_POINT_ESTIMATE_FIELD]).toBe(8);
    expect([
      site.issue('PROJ-3')?.fields[STORY_POINT_ESTIMATE_FIELD],
      site.issue('TEAM-3')?.fields[STORY_POINTS_FIELD],
    ]).toEqual(untouched);
  });

  it("saves into the board's field that came with an issue picked from a board", async () => {
    const site = await siteWithDefault();
    const { owner, room: created } = await room(site, ['TEAM-4', 'PROJ-4'], {
      issueFields: [{ issueKey: 'TEAM-4', fieldId: STORY_POINT_ESTIMATE_FIELD }],
    });
    expect(created.issues.map((issue) => [issue.issueKey, issue.fieldId])).toEqual([
      ['TEAM-4', STORY_POINT_ESTIMATE_FIELD],
      ['PROJ-4', null],
    ]);
    const rows = await stack.server.db.query(
      'SELECT issue_key, field_id FROM room_issue WHERE room_id = $1 ORDER BY position',
      [created.id],
    );
    expect(rows).toEqual([
      { issue_key: 'TEAM-4', field_id: STORY_POINT_ESTIMATE_FIELD },
      { issue_key: 'PROJ-4', field_id: null },
    ]);
    await playRound(owner, created.id, [[owner, '3']]);
    const points = site.issue('TEAM-4')?.fields[STORY_POINTS_FIELD];
    await owner.ok('estimate:save', { roomId: created.id, issueKey: 'TEAM-4', value: 3 });
    expect(site.issue('TEAM-4')?.fields[STORY_POINT_ESTIMATE_FIELD]).toBe(3);
    expect(site.issue('TEAM-4')?.fields[STORY_POINTS_FIELD]).toBe(points);
  });

  it('keeps the board field of issues added later, and refuses a field that holds no numbers', async () => {
    const site = await siteWithDefault();
    const { owner, room: created } = await room(site, ['PROJ-1']);
    const { room: added } = await owner.ok('issue:add', {
      roomId: created.id,
      issueKeys: ['TEAM-5'],
      issueFields: [{ issueKey: 'TEAM-5', fieldId: 'timetracking' }],
    });
    expect(added.issues.at(-1)).toMatchObject({ issueKey: 'TEAM-5', fieldId: 'timetracking' });
    const refused = await owner.call('issue:add', {
      roomId: created.id,
      issueKeys: ['TEAM-6'],
      issueFields: [{ issueKey: 'TEAM-6', fieldId: TEAM_FIELD }],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(owner.latest(created.id)?.issues.map((i) => i.issueKey)).toEqual(['PROJ-1', 'TEAM-5']);
  });

  it('explains that estimation is off in a team-managed project, before writing', async () => {
    const site = await siteWithDefault();
    await projectFieldRequest(
      stack.server.url,
      site,
      alice.accountId,
      'OPS',
      STORY_POINT_ESTIMATE_FIELD,
    );
    const { owner, room: created } = await room(site, ['OPS-1']);
    site.requests.length = 0;
    const ack = await owner.call('estimate:save', {
      roomId: created.id,
      issueKey: 'OPS-1',
      value: 3,
    });
    expect(ack).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Estimation is turned off in the team-managed project OPS.',
      },
    });
    expect(site.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  describe('a time deck', () => {
    it('saves Original Estimate as a Jira duration', async () => {
      const site = await stack.site();
      const { owner, room: created } = await room(site, ['PROJ-5'], { deck: TIME_DECK });
      await playRound(owner, created.id, [[owner, '1d']]);
      const points = site.issue('PROJ-5')?.fields[STORY_POINTS_FIELD];
      site.requests.length = 0;
      await owner.ok('estimate:save', { roomId: created.id, issueKey: 'PROJ-5', value: 12 });
      const put = site.requests.find(
        (r) => r.method === 'PUT' && r.path === '/rest/api/3/issue/PROJ-5',
      );
      expect(put).toMatchObject({
        status: 204,
        body: { fields: { timetracking: { originalEstimate: '1d 4h' } } },
      });
      expect(site.issue('PROJ-5')?.fields.timeoriginalestimate).toBe(12 * 3600);
      expect(site.issue('PROJ-5')?.fields[STORY_POINTS_FIELD]).toBe(points);
    });

    it.each([
      [0, 'An estimate of time must be at least 1 minute.'],
      [0.001, 'An estimate of time must be at least 1 minute.'],
      [4001, 'An estimate of time can be at most 100 weeks.'],
    ])('refuses %s hours before anything reaches Jira', async (value, message) => {
      const site = await stack.site();
      const { owner, room: created } = await room(site, ['PROJ-6'], { deck: TIME_DECK });
      site.requests.length = 0;
      const ack = await owner.call('estimate:save', {
        roomId: created.id,
        issueKey: 'PROJ-6',
        value,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message } });
      expect(site.requests).toEqual([]);
      expect(site.issue('PROJ-6')?.fields.timeoriginalestimate).toBeUndefined();
    });

    it('explains that Original Estimate cannot be set when time tracking is off (Connect)', async () => {
      const site = await stack.site();
      const { owner, room: created } = await room(site, ['PROJ-7'], { deck: TIME_DECK });
      await setTimeTracking(site, false);
      site.requests.length = 0;
      const ack = await owner.call('estimate:save', {
        roomId: created.id,
        issueKey: 'PROJ-7',
        value: 2,
      });
      // Jira's global settings tell the app user too (the admin-only time-tracking calls would
      // not): the message names the cause, as the badge does with the same facts.
      expect(ack).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'Time tracking is turned off in Jira, so Original Estimate cannot be set.',
        },
      });
      expect(site.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    });
  });
});

describe('Jira-native planning on Forge: time tracking as a Jira admin sees it', () => {
  let stack: ForgeStack;

  beforeAll(async () => {
    stack = await startForgeStack();
  });
  afterAll(() => stack.close());

  it('says time tracking is off, asking Jira as the person', async () => {
    const owner = await stack.client(alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Time',
      deck: TIME_DECK,
      issueKeys: ['PROJ-8'],
    });
    await setTimeTracking(stack.site, false);
    try {
      const ack = await owner.call('estimate:save', {
        roomId: room.id,
        issueKey: 'PROJ-8',
        value: 4,
      });
      expect(ack).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'Time tracking is turned off in Jira, so Original Estimate cannot be set.',
        },
      });
      const asked = stack.site.requests.find((r) => r.path.endsWith('/rest/api/3/configuration'));
      expect(asked).toMatchObject({ status: 200, authKind: 'bearer', accountId: alice.accountId });
    } finally {
      await setTimeTracking(stack.site, true);
    }
  });

  it('lets a developer save a time estimate on Forge as themselves', async () => {
    const owner = await stack.client(bob.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Time',
      deck: TIME_DECK,
      issueKeys: ['PROJ-9'],
    });
    await owner.ok('estimate:save', { roomId: room.id, issueKey: 'PROJ-9', value: 40 });
    expect(stack.site.issue('PROJ-9')?.fields.timeoriginalestimate).toBe(40 * 3600);
    // The record too is written as the person, with their own token.
    expect(stack.site.issue('PROJ-9')?.properties?.planningPoker).toMatchObject({
      value: 40,
      display: '1w',
      fieldId: 'timetracking',
    });
    const put = stack.site.requests.find(
      (r) =>
        r.method === 'PUT' && r.path.endsWith('/rest/api/3/issue/PROJ-9/properties/planningPoker'),
    );
    expect(put).toMatchObject({ authKind: 'bearer', tokenType: 'user', accountId: bob.accountId });
  });
});
