import {
  actor,
  NOW,
  ROOM_ID,
  roomAggregate,
  TENANT_ID,
  type AggregateSpec,
} from './rules/room-aggregate.fixture';
import {
  clockAtNow,
  expectNothingChanged,
  newTestService,
  OTHER_TENANT,
  seededService,
  storedRows,
} from './testing/new-test-service';

const [alice, bob] = ['alice', 'bob'].map(actor);
const intruder = { tenantId: OTHER_TENANT, accountId: 'alice' };

const setUp = seededService;
const stored = storedRows;

describe('RoundsService', () => {
  clockAtNow();

  describe('castVote', () => {
    it("hands the voter their own card only, and everyone else's stays hidden", async () => {
      const t = setUp({ votes: [['carol', '3']] });
      const view = await t.rounds.castVote(bob, { roomId: ROOM_ID, value: '5' });
      expect(view).toMatchObject({ myVote: '5', votes: null, stats: null });
      expect(JSON.stringify(view)).not.toContain('"3"');
      expect(view.members.filter((m) => m.hasVoted).map((m) => m.accountId)).toEqual([
        'bob',
        'carol',
      ]);
      expect(stored(t).votes.map((v) => [v.accountId, v.value])).toEqual([
        ['carol', '3'],
        ['bob', '5'],
      ]);
      // Each socket gets its own card with the broadcast; the snapshot itself shows none.
      expect(t.published).toHaveLength(1);
      expect(t.published[0].snapshot.votes).toBeNull();
      expect(t.published[0].cards).toEqual(
        new Map([
          ['carol', '3'],
          ['bob', '5'],
        ]),
      );
    });

    it('auto-reveals with the last card of those online', async () => {
      const t = setUp({ room: { autoReveal: true }, votes: [['alice', '3']] });
      t.setOnline('alice', 'bob');
      const view = await t.rounds.castVote(bob, { roomId: ROOM_ID, value: '5' });
      expect(view.revealed).toBe(true);
      expect(view.stats).toMatchObject({ average: 4 });
      expect(stored(t).room.revealed).toBe(true);
    });

    it('waits for an online voter who has not voted', async () => {
      const t = setUp({ room: { autoReveal: true }, votes: [['alice', '3']] });
      const view = await t.rounds.castVote(bob, { roomId: ROOM_ID, value: '5' });
      expect(view.revealed).toBe(false);
    });

    it.each([
      [
        'an observer',
        {
          members: [
            ['alice', 'owner'],
            ['bob', 'observer'],
          ],
        },
        'FORBIDDEN',
      ],
      ['a card that is not in the deck', {}, 'BAD_REQUEST'],
    ] as [string, AggregateSpec, string][])('refuses %s', async (_, spec, code) => {
      const t = setUp(spec);
      await expectNothingChanged(t, t.rounds.castVote(bob, { roomId: ROOM_ID, value: '4' }), code);
    });

    it("answers NOT_FOUND to another site's member", async () => {
      const t = setUp();
      const stranger = { tenantId: OTHER_TENANT, accountId: 'bob' };
      await expectNothingChanged(
        t,
        t.rounds.castVote(stranger, { roomId: ROOM_ID, value: '5' }),
        'NOT_FOUND',
      );
    });
  });

  describe('addIssues', () => {
    it('appends the issues Jira shows the owner', async () => {
      const t = setUp();
      t.issueQueue.resolve.mockResolvedValueOnce(['PROJ-4', 'PROJ-5']);
      const payload = { roomId: ROOM_ID, issueKeys: ['PROJ-4'], jql: 'sprint = 43' };
      const view = await t.rounds.addIssues(alice, payload);
      expect(t.issueQueue.resolve).toHaveBeenCalledWith(alice, ['PROJ-4'], 'sprint = 43');
      expect(view.issues.map((i) => i.issueKey)).toEqual([
        'PROJ-1',
        'PROJ-2',
        'PROJ-3',
        'PROJ-4',
        'PROJ-5',
      ]);
      expect(stored(t).issues.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    });

    it.each([
      ['a voter', bob, 'FORBIDDEN'],
      ["another site's owner", intruder, 'NOT_FOUND'],
    ])('refuses %s before Jira is asked anything', async (_, who, code) => {
      const t = setUp();
      const add = t.rounds.addIssues(who, { roomId: ROOM_ID, issueKeys: ['PROJ-4'] });
      await expectNothingChanged(t, add, code);
      expect(t.issueQueue.resolve).not.toHaveBeenCalled();
    });
  });

  it('removing the issue in play moves the room to the next one', async () => {
    const t = setUp({ votes: [['bob', '5']] });
    const view = await t.rounds.removeIssues(alice, { roomId: ROOM_ID, issueKeys: ['PROJ-1'] });
    expect(view).toMatchObject({ currentIssueKey: 'PROJ-2', round: 1 });
    expect(stored(t).issues.map((i) => i.issueKey)).toEqual(['PROJ-2', 'PROJ-3']);
    expect(stored(t).votes).toEqual([]);
  });

  describe('selectIssue', () => {
    it('deletes the hidden cards of the round it leaves: they never come back as history', async () => {
      const t = setUp({ votes: [['bob', '5']] });
      await t.rounds.selectIssue(alice, ROOM_ID, 'PROJ-2');
      expect(stored(t).votes).toEqual([]);
      const back = await t.rounds.selectIssue(alice, ROOM_ID, 'PROJ-1');
      expect(back.history).toEqual([]);
    });

    it('keeps a revealed round, shown as history when the issue is chosen again', async () => {
      const t = setUp({ room: { revealed: true }, votes: [['bob', '5']] });
      await t.rounds.selectIssue(alice, ROOM_ID, 'PROJ-2');
      const back = await t.rounds.selectIssue(alice, ROOM_ID, 'PROJ-1');
      expect(back.round).toBe(2);
      expect(back.history.map((h) => [h.round, h.votes])).toEqual([
        [1, [{ accountId: 'bob', value: '5' }]],
      ]);
    });

    it('refuses a voter', async () => {
      const t = setUp();
      await expectNothingChanged(t, t.rounds.selectIssue(bob, ROOM_ID, 'PROJ-2'), 'FORBIDDEN');
    });
  });

  it('reveals the cards to everyone, then starts a re-vote', async () => {
    const t = setUp({
      votes: [
        ['bob', '5'],
        ['carol', '8'],
      ],
    });
    const revealed = await t.rounds.revealVotes(alice, ROOM_ID);
    expect(revealed.votes?.map((v) => v.value)).toEqual(['5', '8']);
    expect(t.published[0].snapshot.votes).toHaveLength(2);
    const reset = await t.rounds.resetVotes(alice, ROOM_ID);
    expect(reset).toMatchObject({ round: 2, revealed: false, votes: null });
    expect(reset.history.map((h) => h.round)).toEqual([1]);
  });

  it('runs the timer for the owner only', async () => {
    const t = setUp();
    const started = await t.rounds.startTimer(alice, ROOM_ID, 30);
    expect(started.timerEndsAt).toBe(new Date(NOW.getTime() + 30_000).toISOString());
    await expectNothingChanged(t, t.rounds.stopTimer(bob, ROOM_ID), 'FORBIDDEN');
    await t.rounds.stopTimer(alice, ROOM_ID);
    expect(stored(t).room.timerEndsAt).toBeNull();
  });

  it('reveals every round whose timer ran out, of any site, and no other', async () => {
    const t = newTestService();
    const timer = (id: string, tenantId: string, secondsLeft: number) =>
      roomAggregate({
        room: { id, tenantId, timerEndsAt: new Date(NOW.getTime() + secondsLeft * 1000) },
      });
    t.store.seed(
      timer('ran-out', TENANT_ID, -1),
      timer('just-now', OTHER_TENANT, 0),
      timer('running', OTHER_TENANT, 30),
    );
    expect(await t.rounds.revealExpiredTimers(NOW)).toBe(2);
    const revealed = (tenantId: string, id: string) => t.store.rows(tenantId, id)!.room.revealed;
    expect(revealed(TENANT_ID, 'ran-out')).toBe(true);
    expect(revealed(OTHER_TENANT, 'just-now')).toBe(true);
    expect(revealed(OTHER_TENANT, 'running')).toBe(false);
    expect(t.published.map((p) => p.snapshot.id).sort()).toEqual(['just-now', 'ran-out']);
  });
});
