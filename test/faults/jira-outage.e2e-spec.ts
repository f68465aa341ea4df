import { SEED_USERS, STORY_POINTS_FIELD, type Fault, type JiraSim } from '../../apps/jira-sim/src';
import type { RoomSnapshot } from '@poker/shared';
import type { PokerClient } from '../support/poker-client';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol } = SEED_USERS;

/** Jira failing while a save is pending: the JIRA_ERROR message it gives, and what else holds. */
interface Outage {
  title: string;
  issueKey: string;
  value: number;
  /** The failing Jira, set up right before the save. */
  fault: Fault;
  /** A fragment of the JIRA_ERROR's message. */
  message: RegExp;
  /** Checks once the save was refused; `elapsed`: ms from sending it until its answer was in. */
  afterwards: (saved: { owner: PokerClient; room: RoomSnapshot; elapsed: number }) => Promise<void>;
}

/** Jira slow or down: saving reports it clearly, the room itself carries on meanwhile. */
describe('Jira slow or down', () => {
  let stack: Stack;
  let site: JiraSim;

  beforeAll(async () => {
    // A short client timeout stands in for Jira's real slowness; retries stay quick.
    stack = await startStack({ JIRA_TIMEOUT_MS: '1500', JIRA_RETRY_BASE_DELAY_MS: '20' });
    site = await stack.site();
    const put = await settingsRequest(stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
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

  const outages: Outage[] = [
    {
      title: 'answers a save to a slow Jira with a clear JIRA_ERROR while the room keeps working',
      issueKey: 'PROJ-14',
      value: 5,
      fault: { pathPrefix: '/rest/api/3/issue', status: 0, delayMs: 5000, times: 1 },
      message: /Jira (did not answer in time|could not be reached)/,
      afterwards: async ({ room, elapsed }) => {
        expect(elapsed).toBeLessThan(4000);
        expect(site.issue('PROJ-14')?.fields[STORY_POINTS_FIELD]).not.toBe(5);
        const rows = await stack.server.db.query(
          'SELECT saved_value FROM room_issue WHERE room_id = $1 AND issue_key = $2',
          [room.id, 'PROJ-14'],
        );
        expect(rows).toEqual([{ saved_value: null }]);
      },
    },
    {
      title: 'answers a save while Jira is down (503) with JIRA_ERROR, and saves once it is back',
      issueKey: 'PROJ-16',
      value: 8,
      fault: { pathPrefix: '/rest/api/3/', status: 503, times: 1000 },
      message: /503/,
      afterwards: async ({ owner, room }) => {
        // Admin pages depend on Jira too: a clear 502 rather than a hang or a 500.
        const settings = await settingsRequest(stack.server.url, site, alice.accountId, {
          fieldId: STORY_POINTS_FIELD,
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
      },
    },
  ];

  it.each(outages)('$title', async (outage) => {
    const { owner, voters, room } = await revealedRoom(outage.issueKey);
    site.faults.add(outage.fault);
    const started = Date.now();
    const saving = owner.call('estimate:save', {
      roomId: room.id,
      issueKey: outage.issueKey,
      value: outage.value,
    });
    const slowest = await roundMeanwhile(owner, voters, room);
    expect(await saving).toMatchObject({
      ok: false,
      error: { code: 'JIRA_ERROR', message: expect.stringMatching(outage.message) },
    });
    const elapsed = Date.now() - started;
    expect(slowest).toBeLessThan(1000);
    await outage.afterwards({ owner, room, elapsed });
  });
});
