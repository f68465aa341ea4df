import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { JiraService } from '../../apps/server/src/jira/jira.service';
import type { RoomSnapshot } from '@poker/shared';
import type { PokerClient } from '../support/poker-client';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol } = SEED_USERS;

/** Jira slow or down: saving reports it clearly, the room itself carries on meanwhile. */
describe('Jira slow or down', () => {
  let stack: Stack;
  let site: JiraSim;

  beforeAll(async () => {
    stack = await startStack();
    // A short client timeout stands in for Jira's real slowness; retries stay quick.
    stack.server.app.get(JiraService).configure({ timeoutMs: 1500, baseDelayMs: 20 });
    site = await stack.site();
    const put = await fetch(`${stack.server.url}/api/settings`, {
      method: 'PUT',
      headers: {
        Authorization: `JWT ${site.contextToken(alice.accountId)}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ fieldId: STORY_POINTS_FIELD }),
    });
    expect(put.status).toBe(200);
  });
  afterAll(() => stack.close());

  async function revealedRoom(issueKey: string) {
    const owner = await stack.client(site, alice.accountId);
    const voters = [
      await stack.client(site, bob.accountId),
      await stack.client(site, carol.accountId),
    ];
    const { room } = await owner.ok('room:create', {
      name: 'Outage',
      deck: { kind: 'fibonacci' },
      issueKeys: [issueKey, 'PROJ-20'],
    });
    for (const voter of voters) {
      await voter.ok('room:join', { roomId: room.id });
      await voter.ok('vote:cast', { roomId: room.id, value: '5' });
    }
    await owner.ok('vote:reveal', { roomId: room.id });
    return { owner, voters, room };
  }

  /** Plays a full round on another issue while the save is pending; each event stays quick. */
  async function roundMeanwhile(owner: PokerClient, voters: PokerClient[], room: RoomSnapshot) {
    const slowest: number[] = [];
    const timed = async <T>(step: () => Promise<T>) => {
      const started = Date.now();
      const result = await step();
      slowest.push(Date.now() - started);
      return result;
    };
    await timed(() => owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-20' }));
    for (const [index, voter] of voters.entries()) {
      await timed(() => voter.ok('vote:cast', { roomId: room.id, value: index ? '8' : '3' }));
    }
    const { room: revealed } = await timed(() => owner.ok('vote:reveal', { roomId: room.id }));
    expect(revealed.stats).toMatchObject({ voteCount: 2 });
    return Math.max(...slowest);
  }

  it('answers a save to a slow Jira with a clear JIRA_ERROR while the room keeps working', async () => {
    const { owner, voters, room } = await revealedRoom('PROJ-14');
    site.faults.add({ pathPrefix: '/rest/api/3/issue', status: 0, delayMs: 5000, times: 1 });
    const started = Date.now();
    const saving = owner.call('estimate:save', { roomId: room.id, issueKey: 'PROJ-14', value: 5 });
    const slowest = await roundMeanwhile(owner, voters, room);
    const ack = await saving;
    expect(ack).toMatchObject({
      ok: false,
      error: {
        code: 'JIRA_ERROR',
        message: expect.stringMatching(/Jira (did not answer in time|could not be reached)/),
      },
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(slowest).toBeLessThan(1000);
    expect(site.issue('PROJ-14')?.fields[STORY_POINTS_FIELD]).not.toBe(5);
    const rows = await stack.server.db.query(
      'SELECT saved_value FROM room_issue WHERE room_id = $1 AND issue_key = $2',
      [room.id, 'PROJ-14'],
    );
    expect(rows).toEqual([{ saved_value: null }]);
  });

  it('answers a save while Jira is down (503) with JIRA_ERROR, and saves once it is back', async () => {
    const { owner, voters, room } = await revealedRoom('PROJ-16');
    site.faults.add({ pathPrefix: '/rest/api/3/', status: 503, times: 1000 });
    const saving = owner.call('estimate:save', { roomId: room.id, issueKey: 'PROJ-16', value: 8 });
    const slowest = await roundMeanwhile(owner, voters, room);
    expect(await saving).toMatchObject({
      ok: false,
      error: { code: 'JIRA_ERROR', message: expect.stringMatching(/503/) },
    });
    expect(slowest).toBeLessThan(1000);
    // Admin pages depend on Jira too: a clear 502 rather than a hang or a 500.
    const settings = await fetch(`${stack.server.url}/api/settings`, {
      method: 'PUT',
      headers: {
        Authorization: `JWT ${site.contextToken(alice.accountId)}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ fieldId: STORY_POINTS_FIELD }),
    });
    expect(settings.status).toBe(502);
    expect(await settings.json()).toMatchObject({ error: { code: 'JIRA_ERROR' } });

    site.faults.clear();
    const { room: saved } = await owner.ok('estimate:save', {
      roomId: room.id,
      issueKey: 'PROJ-16',
      value: 8,
    });
    expect(saved.issues.find((issue) => issue.issueKey === 'PROJ-16')?.savedValue).toBe(8);
    expect(site.issue('PROJ-16')?.fields[STORY_POINTS_FIELD]).toBe(8);
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200);
  });
});
