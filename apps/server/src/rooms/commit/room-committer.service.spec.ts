import { voterOf } from '@poker/shared';
import {
  actor,
  ROOM_ID,
  roomAggregate,
  TENANT_ID,
  type AggregateSpec,
} from '../rules/room-aggregate.fixture';
import { RoomWrites } from '../rules/room-writes';
import { castVote } from '../rules/transitions/cast-vote';
import { resetVotes } from '../rules/transitions/reset-votes';
import { revealVotes } from '../rules/transitions/reveal-votes';
import { selectIssue } from '../rules/transitions/select-issue';
import { clockAtNow, newTestService, type TestService } from '../testing/new-test-service';
import type { BoundTransition } from './room-committer.service';

const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(actor);

const vote =
  (who: typeof bob, value: string | null): BoundTransition =>
  (aggregate, context) =>
    castVote(aggregate, who, { value }, context);

const reveal: BoundTransition = (aggregate, context) =>
  revealVotes(aggregate, alice, undefined, context);

/** The default room (version 7) stored, everyone online, nothing cached yet. */
function setUp(spec: AggregateSpec = {}): TestService {
  const t = newTestService();
  t.store.seed(roomAggregate(spec));
  t.setOnline('alice', 'bob', 'carol');
  return t;
}

const stored = (t: TestService) => t.store.rows(TENANT_ID, ROOM_ID)!;

describe('RoomCommitter', () => {
  clockAtNow();

  it('decides a cold room under the lock on stored rows, then caches and broadcasts it', async () => {
    const t = setUp();
    const view = await t.committer.apply(bob, ROOM_ID, vote(bob, '5'));
    expect(view).toMatchObject({ version: 8, votes: null, myVote: '5' });
    expect(t.commitPaths).toEqual(['locked-cold']);
    expect(stored(t).room.version).toBe(8);
    expect(stored(t).votes).toEqual([
      { roomId: ROOM_ID, issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: '5' },
    ]);
    expect(t.cache.peek(ROOM_ID)?.room.version).toBe(8);
    expect(t.published).toHaveLength(1);
    expect(t.published[0].snapshot.version).toBe(8);
    expect(t.published[0].cards).toEqual(new Map([['bob', '5']]));
  });

  it('commits the next change from the cached rows with one version-checked statement', async () => {
    const t = setUp();
    await t.committer.apply(bob, ROOM_ID, vote(bob, '5'));
    const withLock = jest.spyOn(t.store, 'withLock');
    const view = await t.committer.apply(carol, ROOM_ID, vote(carol, '3'));
    expect(withLock).not.toHaveBeenCalled();
    expect(t.commitPaths).toEqual(['locked-cold', 'cached']);
    expect(view).toMatchObject({ version: 9, myVote: '3' });
    expect(stored(t).votes.map((v) => v.accountId)).toEqual(['bob', 'carol']);
  });

  it("queues a node's changes to one room, so neither invalidates the other", async () => {
    const t = setUp();
    await t.committer.apply(alice, ROOM_ID, vote(alice, '1'));
    await Promise.all([
      t.committer.apply(bob, ROOM_ID, vote(bob, '5')),
      t.committer.apply(carol, ROOM_ID, vote(carol, '3')),
    ]);
    expect(t.commitPaths).toEqual(['locked-cold', 'cached', 'cached']);
    expect(stored(t).room.version).toBe(10);
  });

  describe('when another node changed the room after it was cached', () => {
    const played = (accountId: string, value: string) =>
      ({ issueKey: 'PROJ-1', round: 1, accountId, value }) as const;

    /** The room cached at version 7, then changed elsewhere to version 8 by `elsewhere`. */
    function stale(spec: AggregateSpec, elsewhere: (writes: RoomWrites) => RoomWrites) {
      const t = setUp(spec);
      t.cache.put(roomAggregate(spec));
      t.store.commitElsewhere(TENANT_ID, ROOM_ID, () => elsewhere(new RoomWrites()));
      return t;
    }

    it('decides again on the fresh rows, under the lock', async () => {
      // Elsewhere: auto-reveal on, alice and carol voted. On the cached rows bob's card would
      // just be hidden; on the fresh ones it is the last one, and reveals the round.
      const t = stale({}, (w) =>
        w.setRoom({ autoReveal: true }).vote(played('alice', '3')).vote(played('carol', '5')),
      );
      const view = await t.committer.apply(bob, ROOM_ID, vote(bob, '8'));
      expect(t.commitPaths).toEqual(['locked-moved']);
      expect(view.revealed).toBe(true);
      expect(view.votes?.map((v) => [voterOf(v), v.value])).toEqual([
        ['alice', '3'],
        ['bob', '8'],
        ['carol', '5'],
      ]);
      expect(stored(t).room).toMatchObject({ version: 9, revealed: true });
      expect(t.cache.peek(ROOM_ID)?.room.version).toBe(9);
      expect(t.published.at(-1)?.snapshot.revealed).toBe(true);
    });

    it('does not take a refusal made on stale rows for the answer', async () => {
      // Cached: revealed, so a vote is refused. Elsewhere: a re-vote started round 2.
      const t = stale({ room: { revealed: true } }, (w) =>
        w.setRoom({ round: 2, revealed: false }),
      );
      const view = await t.committer.apply(bob, ROOM_ID, vote(bob, '8'));
      expect(t.commitPaths).toEqual(['locked-refused']);
      expect(view).toMatchObject({ round: 2, myVote: '8', version: 9 });
    });

    it('checks the version even when the cached rows say there is nothing to do', async () => {
      const t = stale({ room: { revealed: true } }, (w) =>
        w.setRoom({ round: 2, revealed: false }),
      );
      const view = await t.committer.apply(alice, ROOM_ID, reveal);
      expect(t.commitPaths).toEqual(['locked-moved']);
      expect(view).toMatchObject({ round: 2, revealed: true, version: 9 });
    });
  });

  it('stores and broadcasts nothing for a refusal, and answers it', async () => {
    const t = setUp();
    const before = stored(t);
    await expect(
      t.committer.apply(actor('mallory'), ROOM_ID, vote(actor('mallory'), '5')),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Join the room first.',
    });
    expect(stored(t)).toEqual(before);
    expect(t.published).toEqual([]);
  });

  it.each([
    ['cold', false],
    ['cached', true],
  ])(
    'answers a change with nothing to do (%s) without storing or broadcasting',
    async (_, warm) => {
      const t = setUp({ room: { revealed: true } });
      if (warm) t.cache.put(roomAggregate({ room: { revealed: true } }));
      const view = await t.committer.apply(alice, ROOM_ID, reveal);
      expect(view).toMatchObject({ version: 7, revealed: true, myVote: null });
      expect(stored(t).room.version).toBe(7);
      expect(t.published).toEqual([]);
    },
  );

  it.each([
    ['cold', false],
    ['cached', true],
  ])("does not let another tenant's actor see or change the room (%s)", async (_, warm) => {
    const t = setUp();
    if (warm) await t.committer.apply(alice, ROOM_ID, vote(alice, '3'));
    const before = stored(t);
    const published = t.published.length;
    const intruder = { tenantId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', accountId: 'bob' };
    // peek first: a refused change forgets the cached rows, and peek must not need that.
    await expect(t.committer.peek(intruder, ROOM_ID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.committer.apply(intruder, ROOM_ID, vote(intruder, '5'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(stored(t)).toEqual(before);
    expect(t.published).toHaveLength(published);
  });

  it('answers NOT_FOUND for a cached room removed meanwhile, and forgets it', async () => {
    const t = setUp();
    await t.committer.apply(alice, ROOM_ID, vote(alice, '3'));
    await t.store.withLock(TENANT_ID, ROOM_ID, (locked) => locked.remove());
    await expect(t.committer.apply(bob, ROOM_ID, vote(bob, '5'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(t.cache.peek(ROOM_ID)).toBeUndefined();
  });

  it('forgets the cached rows when a commit fails midway (it may or may not have committed)', async () => {
    const t = setUp();
    await t.committer.apply(alice, ROOM_ID, vote(alice, '3'));
    jest.spyOn(t.store, 'commit').mockRejectedValueOnce(new Error('connection reset'));
    await expect(t.committer.apply(bob, ROOM_ID, vote(bob, '5'))).rejects.toThrow(
      'connection reset',
    );
    expect(t.cache.peek(ROOM_ID)).toBeUndefined();
    expect(t.published).toHaveLength(1);
  });

  it.each([
    ['cold', false],
    ['cached', true],
  ])(
    're-reads the rows when another issue starts: its stored rounds count (%s)',
    async (_, warm) => {
      // PROJ-2 had two revealed rounds; the cache never holds another issue's votes.
      const t = setUp({
        votes: [
          ['bob', '5', 1, 'PROJ-2'],
          ['carol', '8', 2, 'PROJ-2'],
        ],
      });
      if (warm) await t.committer.apply(alice, ROOM_ID, reveal);
      const view = await t.committer.apply(alice, ROOM_ID, (aggregate, context) =>
        selectIssue(aggregate, alice, { issueKey: 'PROJ-2' }, context),
      );
      expect(t.commitPaths.at(-1)).toBe(warm ? 'cached' : 'locked-cold');
      expect(view).toMatchObject({ currentIssueKey: 'PROJ-2', round: 3, revealed: false });
      expect(view.history.map((h) => [h.round, h.votes.map((v) => v.value)])).toEqual([
        [2, ['8']],
        [1, ['5']],
      ]);
      expect(t.cache.peek(ROOM_ID)?.room.round).toBe(3);
      expect(stored(t).room.round).toBe(3);
    },
  );

  it('peeks at the cached rows, else reads them', async () => {
    const t = setUp();
    const read = jest.spyOn(t.store, 'read');
    expect((await t.committer.peek(bob, ROOM_ID)).room.version).toBe(7);
    expect(read).toHaveBeenCalledTimes(1);
    await t.committer.apply(alice, ROOM_ID, (aggregate, context) =>
      resetVotes(aggregate, alice, undefined, context),
    );
    expect((await t.committer.peek(bob, ROOM_ID)).room.version).toBe(8);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
