import { roomSnapshotSchema } from '@poker/shared';
import { roomAggregate } from './room-aggregate.fixture';
import type { RoomAggregate, RoomRow } from './room-aggregate';
import { HISTORY_ROUNDS } from './room-limits';
import { buildSnapshot, myVotes } from './room-snapshot';

/** Alice owns, bob votes, carol observes; PROJ-1 in round 2 unless `room` says otherwise. */
function aggregate(
  room: Partial<RoomRow> = {},
  votes: [string, number, string][] = [],
): RoomAggregate {
  return roomAggregate({
    room: { round: 2, ...room },
    members: [
      ['alice', 'owner'],
      ['bob', 'voter'],
      ['carol', 'observer'],
    ],
    issues: ['PROJ-1'],
    votes: votes.map(([accountId, round, value]) => [accountId, value, round, 'PROJ-1']),
  });
}

describe('buildSnapshot', () => {
  it('hides vote values and statistics before reveal, telling only who has voted', () => {
    const snapshot = buildSnapshot(aggregate({}, [['bob', 2, '8']]), new Set(['alice', 'bob']));
    expect(roomSnapshotSchema.parse(snapshot)).toBeTruthy();
    expect(snapshot.votes).toBeNull();
    expect(snapshot.stats).toBeNull();
    expect(JSON.stringify(snapshot)).not.toContain('"8"');
    expect(snapshot.members).toEqual([
      { accountId: 'alice', role: 'owner', online: true, hasVoted: false },
      { accountId: 'bob', role: 'voter', online: true, hasVoted: true },
      { accountId: 'carol', role: 'observer', online: false, hasVoted: false },
    ]);
  });

  it('shows the round votes and statistics after reveal', () => {
    const snapshot = buildSnapshot(
      aggregate({ revealed: true }, [
        ['bob', 2, '8'],
        ['alice', 2, '3'],
      ]),
      new Set(),
    );
    expect(snapshot.votes).toEqual([
      { accountId: 'alice', value: '3' },
      { accountId: 'bob', value: '8' },
    ]);
    expect(snapshot.stats).toMatchObject({ average: 5.5, min: 3, max: 8 });
  });

  it('keeps earlier rounds of the current issue as history, newest first, out of the current votes', () => {
    const snapshot = buildSnapshot(
      aggregate({ round: 3 }, [
        ['bob', 1, '2'],
        ['bob', 2, '5'],
        ['alice', 3, '5'],
      ]),
      new Set(),
    );
    expect(snapshot.history.map((h) => [h.round, h.votes])).toEqual([
      [2, [{ accountId: 'bob', value: '5' }]],
      [1, [{ accountId: 'bob', value: '2' }]],
    ]);
    expect(snapshot.members.filter((m) => m.hasVoted).map((m) => m.accountId)).toEqual(['alice']);
  });

  it('carries at most HISTORY_ROUNDS earlier rounds, the newest', () => {
    const votes: [string, number, string][] = Array.from({ length: 8 }, (_, i) => [
      'bob',
      i + 1,
      '3',
    ]);
    const snapshot = buildSnapshot(aggregate({ round: 9 }, votes), new Set());
    expect(snapshot.history.map((h) => h.round)).toEqual([8, 7, 6, 5, 4].slice(0, HISTORY_ROUNDS));
  });

  it('gives each member their own hidden card', () => {
    const votes = myVotes(
      aggregate({}, [
        ['bob', 2, '13'],
        ['alice', 1, '1'],
      ]),
    );
    expect([...votes]).toEqual([['bob', '13']]);
  });
});
