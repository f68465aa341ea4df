import type { MemberRole } from '@poker/shared';
import { expectRefused } from '../../testing/expect-refused';
import {
  actor,
  context,
  NOW,
  ROOM_ID,
  roomAggregate,
  type AggregateSpec,
} from '../room-aggregate.fixture';
import { memberOf } from '../room-aggregate';
import { ROOM_LIMITS } from '../room-limits';
import { applyWrites } from '../room-writes';
import { admitMember, joinRoom } from './join-room';

const join = (spec: AggregateSpec, who: string, role?: 'voter' | 'observer') => {
  const aggregate = roomAggregate(spec);
  const writes = joinRoom(aggregate, actor(who), { role }, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

const roleAfter = (spec: AggregateSpec, who: string, role?: 'voter' | 'observer') =>
  memberOf(join(spec, who, role).after, who)?.role;

/** A room with `count` members: alice (owner) and voters m01, m02, ... */
const roomOf = (count: number): AggregateSpec => ({
  members: [
    ['alice', 'owner'],
    ...Array.from({ length: count - 1 }, (_, i): [string, MemberRole] => [
      `m${String(i + 1).padStart(3, '0')}`,
      'voter',
    ]),
  ],
});

describe('joinRoom', () => {
  it('admits a newcomer as a voter, seen now', () => {
    const { writes, after } = join({}, 'dave');
    expect(writes.members).toEqual([
      { roomId: ROOM_ID, accountId: 'dave', role: 'voter', lastSeenAt: NOW },
    ]);
    expect(writes.votes).toEqual([]);
    expect(after.members.map((m) => m.accountId)).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('gives the role asked for, and keeps the one held before when none is asked', () => {
    expect(roleAfter({}, 'dave', 'observer')).toBe('observer');
    const withObserver: AggregateSpec = {
      members: [
        ['alice', 'owner'],
        ['olga', 'observer'],
      ],
    };
    expect(roleAfter(withObserver, 'olga')).toBe('observer');
    expect(roleAfter(withObserver, 'olga', 'voter')).toBe('voter');
  });

  it('refreshes a returning member’s last-seen time', () => {
    const { writes } = join(
      {
        members: [
          ['alice', 'owner'],
          ['bob', 'voter', 60_000],
        ],
      },
      'bob',
    );
    expect(writes.members[0].lastSeenAt).toEqual(NOW);
  });

  it('keeps the owner owner, whatever role they ask for, with their card', () => {
    const { writes, after } = join({ votes: [['alice', '3']] }, 'alice', 'observer');
    expect(writes.members[0].role).toBe('owner');
    expect(writes.votes).toEqual([]);
    expect(after.votes.map((v) => v.accountId)).toEqual(['alice']);
  });

  it('takes back the card of a voter who comes back as an observer', () => {
    const { writes, after } = join(
      {
        votes: [
          ['bob', '5'],
          ['carol', '3'],
        ],
      },
      'bob',
      'observer',
    );
    expect(writes.votes).toEqual([{ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: null }]);
    expect(after.votes.map((v) => v.accountId)).toEqual(['carol']);
  });

  it('leaves a revealed card where it is', () => {
    const { writes } = join({ room: { revealed: true }, votes: [['bob', '5']] }, 'bob', 'observer');
    expect(writes.votes).toEqual([]);
  });

  it(`refuses a newcomer to a full room (${ROOM_LIMITS.membersPerRoom} members)`, () => {
    const full = roomAggregate(roomOf(ROOM_LIMITS.membersPerRoom));
    expectRefused(
      full,
      (aggregate) => joinRoom(aggregate, actor('dave'), {}, context()),
      'CONFLICT',
      `This room is full (${ROOM_LIMITS.membersPerRoom} members).`,
    );
    expect(() => admitMember(full, actor('dave'))).toThrow('This room is full');
  });

  it('lets members of a full room back in, and a newcomer into a room one short of full', () => {
    const full = roomAggregate(roomOf(ROOM_LIMITS.membersPerRoom));
    expect(() => admitMember(full, actor('m001'))).not.toThrow();
    expect(joinRoom(full, actor('m001'), {}, context()).members).toHaveLength(1);
    const almost = roomAggregate(roomOf(ROOM_LIMITS.membersPerRoom - 1));
    expect(() => admitMember(almost, actor('dave'))).not.toThrow();
  });
});
