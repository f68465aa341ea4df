import type { ErrorCode } from '@poker/shared';
import { expectRefused } from '../../testing/expect-refused';
import { actor, context, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { buildSnapshot } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { joinRoom } from './join-room';
import { kickMember } from './kick-member';

const kick = (spec: AggregateSpec, who: string, accountId: string, block?: boolean) => {
  const aggregate = roomAggregate(spec);
  const writes = kickMember(aggregate, actor(who), { accountId, block }, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

describe('kickMember', () => {
  it('removes the member and their card in play; they may join again', () => {
    const { writes, after } = kick({ votes: [['bob', '5']] }, 'alice', 'bob');
    expect(writes.removedMembers).toEqual(['bob']);
    expect(writes.votes).toEqual([{ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: null }]);
    expect(after.members.map((m) => m.accountId)).toEqual(['alice', 'carol']);
    expect(after.votes).toEqual([]);
    expect(after.room.blockedAccountIds).toEqual([]);
    expect(() => joinRoom(after, actor('bob'), {}, context())).not.toThrow();
  });

  it('takes the card of a revealed round back too, so it counts no more', () => {
    const { after } = kick({ room: { revealed: true }, votes: [['bob', '5']] }, 'alice', 'bob');
    expect(buildSnapshot(after, new Set()).votes).toEqual([]);
  });

  it('with block, keeps them out until the room is removed', () => {
    const { after } = kick({}, 'alice', 'bob', true);
    expect(after.room.blockedAccountIds).toEqual(['bob']);
    expectRefused(
      after,
      (aggregate) => joinRoom(aggregate, actor('bob'), {}, context()),
      'FORBIDDEN',
      'removed from this room',
    );
  });

  it('takes a co-facilitator’s grant away with the membership (the owner kicking)', () => {
    const { after } = kick({ room: { facilitatorAccountIds: ['bob'] } }, 'alice', 'bob');
    expect(after.room.facilitatorAccountIds).toEqual([]);
  });

  it('lets a co-facilitator remove a voter', () => {
    const spec = { room: { facilitatorAccountIds: ['carol'] } };
    expect(kick(spec, 'carol', 'bob').writes.removedMembers).toEqual(['bob']);
  });

  it('reveals when the member removed was the last card missing (auto-reveal)', () => {
    const spec: AggregateSpec = {
      room: { autoReveal: true },
      votes: [
        ['alice', '3'],
        ['carol', '5'],
      ],
    };
    const { writes } = kick(spec, 'alice', 'bob');
    expect(writes.room).toMatchObject({ revealed: true, timerEndsAt: null });
  });

  const refusals: [string, string, string, AggregateSpec, ErrorCode, string][] = [
    [
      'the owner',
      'carol',
      'alice',
      { room: { facilitatorAccountIds: ['carol'] } },
      'FORBIDDEN',
      'owner cannot be removed',
    ],
    ['yourself', 'alice', 'alice', {}, 'BAD_REQUEST', 'cannot remove yourself'],
    ['someone outside the room', 'alice', 'mallory', {}, 'NOT_FOUND', 'not a member'],
    [
      'anyone, as a voter',
      'bob',
      'carol',
      {},
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can remove members.',
    ],
    [
      'a co-facilitator, as another co-facilitator',
      'bob',
      'carol',
      { room: { facilitatorAccountIds: ['bob', 'carol'] } },
      'FORBIDDEN',
      'Only the room owner can remove a co-facilitator.',
    ],
  ];
  it.each(refusals)(
    'refuses to remove %s and changes nothing',
    (_case, who, target, spec, code, message) => {
      expectRefused(
        roomAggregate(spec),
        (aggregate) =>
          kickMember(aggregate, actor(who), { accountId: target, block: true }, context()),
        code,
        message,
      );
    },
  );
});
