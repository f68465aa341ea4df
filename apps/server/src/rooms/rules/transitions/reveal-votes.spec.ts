import { refusesUnlessOwnerWithIssue } from '../../testing/expect-refused';
import { actor, context, NOW, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { buildSnapshot } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { revealExpired, revealVotes } from './reveal-votes';

const TIMER = new Date(NOW.getTime() + 30_000);

describe('revealVotes', () => {
  refusesUnlessOwnerWithIssue('reveal the votes', (aggregate, who) =>
    revealVotes(aggregate, actor(who), undefined, context()),
  );

  it('shows everyone the cards and statistics, and stops the timer', () => {
    const aggregate = roomAggregate({
      room: { timerEndsAt: TIMER },
      votes: [
        ['bob', '5'],
        ['alice', '3'],
      ],
    });
    const writes = revealVotes(aggregate, actor('alice'), undefined, context());
    expect(writes.room).toEqual({ revealed: true, timerEndsAt: null });
    const snapshot = buildSnapshot(applyWrites(aggregate, writes), new Set());
    expect(snapshot.votes).toEqual([
      { accountId: 'alice', value: '3' },
      { accountId: 'bob', value: '5' },
    ]);
    expect(snapshot.stats).toMatchObject({ average: 4, min: 3, max: 5 });
  });

  it('changes nothing when the round is revealed already', () => {
    const aggregate = roomAggregate({ room: { revealed: true } });
    expect(revealVotes(aggregate, actor('alice'), undefined, context()).isEmpty).toBe(true);
  });
});

describe('revealExpired', () => {
  const expire = (room: AggregateSpec['room'], now = NOW) =>
    revealExpired(roomAggregate({ room }), actor('system'), undefined, { ...context(), now });

  it('reveals a round whose timer ran out, whoever acts', () => {
    expect(expire({ timerEndsAt: TIMER }, TIMER).room).toEqual({
      revealed: true,
      timerEndsAt: null,
    });
    expect(expire({ timerEndsAt: NOW }, new Date(NOW.getTime() + 1)).room).toMatchObject({
      revealed: true,
    });
  });

  it.each<[string, AggregateSpec['room']]>([
    ['whose timer is not due yet', { timerEndsAt: TIMER }],
    ['with no timer', { timerEndsAt: null }],
    ['revealed already', { timerEndsAt: NOW, revealed: true }],
  ])('changes nothing in a round %s', (_case, room) => {
    expect(expire(room).isEmpty).toBe(true);
  });
});
