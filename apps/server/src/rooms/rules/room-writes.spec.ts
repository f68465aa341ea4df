import { deepFreeze } from '../testing/deep-freeze';
import { NOW, ROOM_ID, roomAggregate, type AggregateSpec } from './room-aggregate.fixture';
import { HISTORY_ROUNDS } from './room-limits';
import { buildSnapshot } from './room-snapshot';
import { applyWrites, RoomWrites } from './room-writes';

const member = (accountId: string, role: 'owner' | 'voter' | 'observer' = 'voter') => ({
  roomId: ROOM_ID,
  accountId,
  role,
  lastSeenAt: NOW,
});

const play = (accountId: string, value: string | null, round = 1, issueKey = 'PROJ-1') => ({
  issueKey,
  round,
  accountId,
  value,
});

/** The cards after `writes`, as account:value@round, sorted (their order means nothing). */
const cards = (spec: AggregateSpec, writes: RoomWrites) =>
  applyWrites(roomAggregate(spec), writes)
    .votes.map((v) => `${v.accountId}:${v.value}@${v.round}`)
    .sort();

/** A saved estimate's record, as saveEstimate writes it. */
const saved = { at: NOW, byAccountId: 'alice', rounds: 1, consensus: true };

describe('RoomWrites', () => {
  it.each<[string, (writes: RoomWrites) => unknown]>([
    ['a room column', (w) => w.setRoom({ name: 'x' })],
    ['a vote', (w) => w.vote(play('bob', '5'))],
    ['a member row', (w) => w.upsertMember(member('dave'))],
    ['a removed member', (w) => w.removeMember('bob')],
    ['a dropped round', (w) => w.dropRound('PROJ-1', 1)],
    ['an added issue', (w) => w.addIssues([{ issueKey: 'PROJ-9', position: 3, fieldId: null }])],
    ['a removed issue', (w) => w.removeIssues(['PROJ-3'])],
    ['a saved estimate', (w) => w.saveEstimate({ ...saved, issueKey: 'PROJ-1', value: 3 })],
    ['an erased account', (w) => w.eraseAccount('bob')],
  ])('is not empty with %s', (_, write) => {
    const writes = new RoomWrites();
    expect(writes.isEmpty).toBe(true);
    write(writes);
    expect(writes.isEmpty).toBe(false);
  });

  it('starts a round, marking another issue for the store to number', () => {
    const { room } = roomAggregate();
    const same = new RoomWrites().startRound(room, 'PROJ-1', 2);
    expect(same.room).toEqual({
      currentIssueKey: 'PROJ-1',
      round: 2,
      revealed: false,
      timerEndsAt: null,
    });
    expect(same.otherIssueStarted).toBe(false);
    expect(new RoomWrites().startRound(room, 'PROJ-2', 1).otherIssueStarted).toBe(true);
  });
});

describe('applyWrites', () => {
  it('sets the room columns written, in a new room row', () => {
    const aggregate = roomAggregate();
    const after = applyWrites(
      aggregate,
      new RoomWrites().setRoom({ name: 'Renamed', revealed: true }),
    );
    expect(after.room).toEqual({ ...aggregate.room, name: 'Renamed', revealed: true });
    expect(after.room).not.toBe(aggregate.room);
  });

  it('replaces member rows whole, adds new ones in account order, and removes the gone', () => {
    const writes = new RoomWrites()
      .upsertMember(member('carol', 'observer'))
      .upsertMember(member('aaron'))
      .removeMember('bob');
    const after = applyWrites(roomAggregate(), writes);
    expect(after.members.map((m) => [m.accountId, m.role])).toEqual([
      ['aaron', 'voter'],
      ['alice', 'owner'],
      ['carol', 'observer'],
    ]);
  });

  it('plays, replaces and takes back cards of the issue in play', () => {
    const writes = new RoomWrites()
      .vote(play('alice', '3'))
      .vote(play('bob', '8'))
      .vote(play('carol', null));
    expect(
      cards(
        {
          votes: [
            ['bob', '5'],
            ['carol', '2'],
          ],
        },
        writes,
      ),
    ).toEqual(['alice:3@1', 'bob:8@1']);
  });

  it('drops a round, and only that round', () => {
    const spec: AggregateSpec = {
      room: { round: 2 },
      votes: [
        ['bob', '5', 1],
        ['bob', '8', 2],
      ],
    };
    expect(cards(spec, new RoomWrites().dropRound('PROJ-1', 2))).toEqual(['bob:5@1']);
  });

  it('appends new issues with no estimate, and removes issues taken out', () => {
    const writes = new RoomWrites()
      .addIssues([{ issueKey: 'PROJ-9', position: 3, fieldId: 'customfield_10026' }])
      .removeIssues(['PROJ-2']);
    const after = applyWrites(roomAggregate(), writes);
    expect(after.issues.map((i) => [i.issueKey, i.position])).toEqual([
      ['PROJ-1', 0],
      ['PROJ-3', 2],
      ['PROJ-9', 3],
    ]);
    expect(after.issues[2]).toEqual({
      roomId: ROOM_ID,
      issueKey: 'PROJ-9',
      position: 3,
      fieldId: 'customfield_10026',
      savedValue: null,
      savedAt: null,
      savedByAccountId: null,
      savedRounds: null,
      savedConsensus: null,
    });
  });

  it("records a saved estimate on the issue's row", () => {
    const estimate = { ...saved, issueKey: 'PROJ-2', value: 5, rounds: 3, consensus: false };
    const after = applyWrites(roomAggregate(), new RoomWrites().saveEstimate(estimate));
    expect(after.issues[1]).toMatchObject({
      savedValue: 5,
      savedAt: NOW,
      savedByAccountId: 'alice',
      savedRounds: 3,
      savedConsensus: false,
    });
    expect(after.issues[0].savedValue).toBeNull();
  });

  it("erases an account's membership, cards and name on saved estimates", () => {
    const saved = { savedValue: 3, savedAt: NOW };
    const aggregate = roomAggregate({
      issues: [
        { issueKey: 'PROJ-1', ...saved, savedByAccountId: 'bob' },
        { issueKey: 'PROJ-2', ...saved, savedByAccountId: 'alice' },
      ],
      votes: [
        ['bob', '5'],
        ['carol', '3'],
      ],
    });
    const after = applyWrites(aggregate, new RoomWrites().eraseAccount('bob'));
    expect(after.members.map((m) => m.accountId)).toEqual(['alice', 'carol']);
    expect(after.votes.map((v) => v.accountId)).toEqual(['carol']);
    expect(after.issues.map((i) => [i.savedValue, i.savedByAccountId])).toEqual([
      [3, null],
      [3, 'alice'],
    ]);
  });

  describe('keeps in memory only the votes the store reads for a room', () => {
    it('leaves out cards of another issue', () => {
      expect(cards({}, new RoomWrites().vote(play('bob', '5', 1, 'PROJ-2')))).toEqual([]);
    });

    it("leaves out the old issue's cards once another issue is in play", () => {
      const writes = new RoomWrites().startRound(roomAggregate().room, 'PROJ-2', 1);
      expect(cards({ votes: [['bob', '5']] }, writes)).toEqual([]);
    });

    it(`keeps the round in play and the ${HISTORY_ROUNDS} before it`, () => {
      const votes = Array.from({ length: 7 }, (_, i): [string, string, number] => [
        'bob',
        '1',
        i + 1,
      ]);
      const writes = new RoomWrites().setRoom({ round: 8 });
      const kept = applyWrites(roomAggregate({ room: { round: 7 }, votes }), writes).votes;
      expect(kept.map((v) => v.round)).toEqual([8 - HISTORY_ROUNDS, 4, 5, 6, 7]);
    });
  });

  it('leaves its input as it was', () => {
    const aggregate = roomAggregate({
      votes: [
        ['bob', '5'],
        ['carol', '3'],
      ],
      issues: [
        'PROJ-1',
        { issueKey: 'PROJ-2', savedValue: 1, savedAt: NOW, savedByAccountId: 'carol' },
      ],
    });
    const before = structuredClone(aggregate);
    deepFreeze(aggregate);
    const writes = new RoomWrites()
      .setRoom({ revealed: true })
      .vote(play('alice', '8'))
      .vote(play('bob', null))
      .upsertMember(member('dave'))
      .removeMember('bob')
      .addIssues([{ issueKey: 'PROJ-9', position: 2, fieldId: null }])
      .removeIssues(['PROJ-1'])
      .saveEstimate({ ...saved, issueKey: 'PROJ-2', value: 2 })
      .eraseAccount('carol');
    const after = applyWrites(aggregate, writes);
    expect(aggregate).toStrictEqual(before);
    expect(after).not.toStrictEqual(before);
  });

  describe('the history memo', () => {
    /** Rows whose snapshot was built (so the memo is set) in round 2, with round 1 in history. */
    const memoized = () => {
      const aggregate = roomAggregate({ room: { round: 2 }, votes: [['bob', '5', 1]] });
      buildSnapshot(aggregate, new Set());
      expect(aggregate.historyMemo?.rounds).toHaveLength(1);
      return aggregate;
    };

    it('is kept while earlier rounds stay as they were', () => {
      const aggregate = memoized();
      const writes = new RoomWrites().vote(play('carol', '3', 2)).setRoom({ revealed: true });
      expect(applyWrites(aggregate, writes).historyMemo).toBe(aggregate.historyMemo);
    });

    it.each<[string, RoomWrites]>([
      ['an account is erased', new RoomWrites().eraseAccount('bob')],
      ['issues are removed', new RoomWrites().removeIssues(['PROJ-3'])],
      ['a round is dropped', new RoomWrites().dropRound('PROJ-1', 2)],
    ])('is dropped when %s', (_, writes) => {
      expect(applyWrites(memoized(), writes).historyMemo).toBeUndefined();
    });

    // BUG (room-writes.ts, `historyKept`): history statistics are computed with the room's
    // deck, but a new deck on a revealed round keeps the memo: this node goes on showing the
    // old deck's statistics while a node that reads the rows (or gets them broadcast) computes
    // the new deck's, for the same version. Flip to `it` once fixed.
    it('agrees with a fresh computation after the deck changed', () => {
      const aggregate = roomAggregate({
        room: { round: 2, revealed: true, deck: { kind: 'modified-fibonacci' } },
        votes: [
          ['bob', '½', 1],
          ['carol', '20', 1],
        ],
      });
      buildSnapshot(aggregate, new Set());
      const after = applyWrites(
        aggregate,
        new RoomWrites().setRoom({ deck: { kind: 'fibonacci' } }),
      );
      const fresh = { ...after, historyMemo: undefined };
      expect(buildSnapshot(after, new Set()).history).toEqual(
        buildSnapshot(fresh, new Set()).history,
      );
    });

    it('is not served for another round: the history is computed again', () => {
      const aggregate = memoized();
      const writes = new RoomWrites().vote(play('carol', '3', 2)).setRoom({ round: 3 });
      const after = applyWrites(aggregate, writes);
      expect(after.historyMemo).toBe(aggregate.historyMemo);
      expect(buildSnapshot(after, new Set()).history.map((h) => h.round)).toEqual([2, 1]);
    });
  });
});
