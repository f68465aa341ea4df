import { estimateRecordSchema } from '@poker/shared';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';
import { defaultField, eventually, playRound } from './planning-support';

const { alice, bob, carol, gina } = SEED_USERS;
const RECORD_PATH = (issueKey: string) => `/rest/api/3/issue/${issueKey}/properties/planningPoker`;

/**
 * The record of a save lives in the customer's Jira (issue 16 point 5): the `planningPoker`
 * issue property, indexed for JQL, written after the estimate and retried, never undoing it.
 * And typed keys are looked up in batches (point 6, issue 18 point 4).
 */
describe('Jira-native planning: the record in Jira, and batched look-ups', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Quick retries: the client's own (3 × 20 ms), then the record's background ones (200 ms…).
    stack = await startStack({ JIRA_RETRY_BASE_DELAY_MS: '20' });
  });
  afterAll(() => stack.close());

  async function site(): Promise<JiraSim> {
    const created = await stack.site();
    await defaultField(stack.server.url, created, alice.accountId, STORY_POINTS_FIELD);
    return created;
  }

  /** Alice owns, Bob and Carol vote: `cards` per round of the first issue, then a save. */
  async function saved(jira: JiraSim, issueKey: string, rounds: [string, string, string][]) {
    const owner = await stack.client(jira, alice.accountId);
    const voters = [
      owner,
      await stack.client(jira, bob.accountId),
      await stack.client(jira, carol.accountId),
    ];
    const { room } = await owner.ok('room:create', {
      name: 'Record',
      deck: { kind: 'fibonacci' },
      issueKeys: [issueKey],
    });
    for (const voter of voters.slice(1)) await voter.ok('room:join', { roomId: room.id });
    for (const [index, cards] of rounds.entries()) {
      if (index > 0) await owner.ok('vote:reset', { roomId: room.id });
      await playRound(
        owner,
        room.id,
        voters.map((voter, at): [typeof voter, string] => [voter, cards[at]]),
      );
    }
    const ack = await owner.call('estimate:save', { roomId: room.id, issueKey, value: 5 });
    return { owner, room, ack };
  }

  it('writes the record with its shape, and JQL finds it by consensus', async () => {
    const jira = await site();
    const split = await saved(jira, 'PROJ-2', [
      ['3', '8', '13'],
      ['5', '5', '8'],
    ]);
    expect(split.ack).toMatchObject({ ok: true });
    expect(split.ack.ok && split.ack.data).not.toHaveProperty('warnings');
    await saved(jira, 'PROJ-4', [['5', '5', '5']]);

    const record = jira.issue('PROJ-2')?.properties?.planningPoker;
    expect(estimateRecordSchema.safeParse(record).success).toBe(true);
    expect(record).toMatchObject({
      version: 1,
      value: 5,
      display: '5',
      fieldId: STORY_POINTS_FIELD,
      consensus: false,
      voters: 3,
      rounds: 2,
      distribution: [
        { card: '5', count: 2 },
        { card: '8', count: 1 },
      ],
    });
    expect((record as { votes: unknown[] }).votes).toEqual(
      expect.arrayContaining([
        { accountId: alice.accountId, card: '5' },
        { accountId: carol.accountId, card: '8' },
      ]),
    );
    const put = jira.requests.find((r) => r.method === 'PUT' && r.path === RECORD_PATH('PROJ-2'));
    expect(put).toMatchObject({ authKind: 'jwt', qshValid: true, status: 201 });
    const row = await stack.server.db.query(
      'SELECT saved_rounds, saved_consensus FROM room_issue WHERE room_id = $1',
      [split.room.id],
    );
    expect(row).toEqual([{ saved_rounds: 2, saved_consensus: false }]);

    const finder = await stack.client(jira, bob.accountId);
    const { room: found } = await finder.ok('room:create', {
      name: 'Split votes',
      deck: { kind: 'fibonacci' },
      issueKeys: [],
      jql: 'issue.property[planningPoker].consensus = false',
    });
    expect(found.issues.map((issue) => issue.issueKey)).toEqual(['PROJ-2']);
  });

  it('keeps the saved estimate when the record fails, warns, and the retry lands', async () => {
    const jira = await site();
    // The first attempt and the client's three retries fail; the background retry succeeds.
    jira.faults.add({ method: 'PUT', pathPrefix: RECORD_PATH('PROJ-6'), status: 503, times: 4 });
    const { ack, room } = await saved(jira, 'PROJ-6', [['5', '5', '8']]);
    expect(ack).toMatchObject({
      ok: true,
      data: { warnings: [expect.stringMatching(/estimate is saved in Jira.*record/)] },
    });
    expect(jira.issue('PROJ-6')?.fields[STORY_POINTS_FIELD]).toBe(5);
    expect(jira.issue('PROJ-6')?.properties?.planningPoker).toBeUndefined();
    const row = await stack.server.db.query(
      'SELECT saved_value FROM room_issue WHERE room_id = $1',
      [room.id],
    );
    expect(row).toEqual([{ saved_value: 5 }]);
    await eventually(() => jira.issue('PROJ-6')?.properties?.planningPoker !== undefined);
    expect(jira.issue('PROJ-6')?.properties?.planningPoker).toMatchObject({ consensus: false });
    const attempts = jira.requests.filter(
      (r) => r.method === 'PUT' && r.path === RECORD_PATH('PROJ-6'),
    );
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 503, 503, 201]);
  });

  describe('issue look-ups', () => {
    const pasted = Array.from({ length: 12 }, (_, i) => `PROJ-${i + 1}`);

    it('looks up a pasted list with one search, not one request per key', async () => {
      const jira = await site();
      const owner = await stack.client(jira, alice.accountId);
      jira.requests.length = 0;
      const { room } = await owner.ok('room:create', {
        name: 'Pasted',
        deck: { kind: 'fibonacci' },
        issueKeys: [...pasted].reverse(),
      });
      expect(room.issues.map((issue) => issue.issueKey)).toEqual([...pasted].reverse());
      const searches = jira.requests.filter((r) => r.path === '/rest/api/3/search/jql');
      expect(searches).toHaveLength(1);
      expect(searches[0]).toMatchObject({ method: 'POST', status: 200 });
      expect((searches[0].body as { jql: string }).jql).toMatch(/^key in \(/);
      expect(jira.requests.filter((r) => r.path.startsWith('/rest/api/3/issue/'))).toEqual([]);
    });

    it('answers a missing key and an unbrowsable one alike, naming only what was typed', async () => {
      const jira = await site();
      // Gina may not browse TEAM: Jira hides its issues from her.
      const owner = await stack.client(jira, gina.accountId);
      const refuse = (issueKeys: string[]) =>
        owner.call('room:create', { name: 'x', deck: { kind: 'fibonacci' }, issueKeys });
      const hidden = await refuse(['PROJ-1', 'TEAM-1']);
      const missing = await refuse(['PROJ-1', 'PROJ-999']);
      const both = await refuse(['PROJ-1', 'TEAM-1', 'NOPE-1']);
      expect([hidden, missing, both]).toEqual([
        {
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'Not found in Jira, or you may not see: TEAM-1.' },
        },
        {
          ok: false,
          error: {
            code: 'BAD_REQUEST',
            message: 'Not found in Jira, or you may not see: PROJ-999.',
          },
        },
        {
          ok: false,
          error: {
            code: 'BAD_REQUEST',
            message: 'Not found in Jira, or you may not see: NOPE-1, TEAM-1.',
          },
        },
      ]);
      expect((await owner.ok('room:list', {})).rooms).toEqual([]);
    });
  });
});
