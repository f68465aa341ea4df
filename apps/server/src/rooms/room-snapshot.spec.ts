import { roomSnapshotSchema } from '@poker/shared';
import type { RoomAggregate } from './room-aggregate';
import { buildSnapshot, HISTORY_ROUNDS, myVotes } from './room-snapshot';
import { Room } from './room.entity';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { Vote } from './vote.entity';

const ROOM_ID = '6f1c2a44-9a0b-4c55-8d1e-3b2f0a9c7d10';

function aggregate(
  overrides: Partial<Room> = {},
  votes: [string, number, string][] = [],
): RoomAggregate {
  const room = Object.assign(new Room(), {
    id: ROOM_ID,
    tenantId: 't',
    ownerAccountId: 'alice',
    name: 'Sprint',
    deck: { kind: 'fibonacci' },
    fieldId: null,
    autoReveal: false,
    autoAdvance: false,
    currentIssueKey: 'PROJ-1',
    round: 2,
    revealed: false,
    timerEndsAt: null,
    version: 7,
    updatedAt: new Date(),
    ...overrides,
  });
  const member = (accountId: string, role: RoomMember['role']) =>
    Object.assign(new RoomMember(), { roomId: ROOM_ID, accountId, role, lastSeenAt: new Date() });
  return {
    room,
    members: [member('alice', 'owner'), member('bob', 'voter'), member('carol', 'observer')],
    issues: [
      Object.assign(new RoomIssue(), {
        roomId: ROOM_ID,
        issueKey: 'PROJ-1',
        position: 0,
        savedValue: null,
        savedAt: null,
      }),
    ],
    votes: votes.map(([accountId, round, value]) =>
      Object.assign(new Vote(), { roomId: ROOM_ID, issueKey: 'PROJ-1', round, accountId, value }),
    ),
  };
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
