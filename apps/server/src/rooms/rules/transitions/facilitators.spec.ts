import { expectRefused } from '../../testing/expect-refused';
import { actor, context, roomAggregate } from '../room-aggregate.fixture';
import { applyWrites } from '../room-writes';
import { grantFacilitator, revokeFacilitator } from './facilitators';
import { revealVotes } from './reveal-votes';

describe('co-facilitators', () => {
  it('the owner grants a member the facilitator actions, and takes them back', () => {
    const aggregate = roomAggregate();
    const granted = applyWrites(
      aggregate,
      grantFacilitator(aggregate, actor('alice'), { accountId: 'bob' }, context()),
    );
    expect(granted.room.facilitatorAccountIds).toEqual(['bob']);
    expect(revealVotes(granted, actor('bob'), undefined, context()).room).toEqual({
      revealed: true,
      timerEndsAt: null,
    });
    const revoked = applyWrites(
      granted,
      revokeFacilitator(granted, actor('alice'), { accountId: 'bob' }, context()),
    );
    expect(revoked.room.facilitatorAccountIds).toEqual([]);
    expectRefused(
      revoked,
      (rows) => revealVotes(rows, actor('bob'), undefined, context()),
      'FORBIDDEN',
      'co-facilitator',
    );
  });

  it('granting twice or revoking a member without the grant changes nothing', () => {
    const aggregate = roomAggregate({ room: { facilitatorAccountIds: ['bob'] } });
    expect(
      grantFacilitator(aggregate, actor('alice'), { accountId: 'bob' }, context()).isEmpty,
    ).toBe(true);
    expect(
      revokeFacilitator(aggregate, actor('alice'), { accountId: 'carol' }, context()).isEmpty,
    ).toBe(true);
  });

  it.each([
    ['someone outside the room', 'alice', 'mallory', 'NOT_FOUND', 'not a member of this room'],
    ['the owner', 'alice', 'alice', 'BAD_REQUEST', 'already has every facilitator action'],
    ['anyone, as a co-facilitator', 'bob', 'carol', 'FORBIDDEN', 'Only the room owner can grant'],
  ] as const)('refuses to grant facilitation to %s', (_case, who, target, code, message) => {
    expectRefused(
      roomAggregate({ room: { facilitatorAccountIds: ['bob'] } }),
      (aggregate) => grantFacilitator(aggregate, actor(who), { accountId: target }, context()),
      code,
      message,
    );
  });
});
