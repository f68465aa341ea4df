import { roomAggregate } from '../rules/room-aggregate.fixture';
import { aggregateRows, fromAggregateRows } from './aggregate-rows';

describe('room rows between nodes', () => {
  it('come back through JSON as the same rows', () => {
    const original = roomAggregate({
      room: {
        currentIssueKey: 'PROJ-2',
        round: 3,
        timerEndsAt: new Date('2026-11-26T01:02:03.456Z'),
      },
      issues: [
        { issueKey: 'PROJ-1', savedValue: 5, savedAt: new Date(), savedByAccountId: 'alice' },
        'PROJ-2',
      ],
      votes: [
        ['alice', '8', 2],
        ['alice', '?', 3],
      ],
    });
    const wire = JSON.parse(JSON.stringify(aggregateRows(original))) as ReturnType<
      typeof aggregateRows
    >;
    const back = fromAggregateRows(wire);
    expect(back).toEqual(original);
    expect(back.members[0].lastSeenAt).toBeInstanceOf(Date);
    expect(back.room.timerEndsAt).toBeInstanceOf(Date);
  });

  it('carry the cards played ahead, and nothing for a room without any', () => {
    const plain = roomAggregate();
    expect(aggregateRows(plain).asyncVotes).toBeUndefined();
    const card = {
      roomId: plain.room.id,
      issueKey: 'PROJ-2',
      round: 0,
      accountId: 'bob',
      value: '5',
    };
    const original = { ...plain, asyncVotes: [card] };
    const wire = JSON.parse(JSON.stringify(aggregateRows(original))) as ReturnType<
      typeof aggregateRows
    >;
    expect(wire.asyncVotes).toEqual([['PROJ-2', 'bob', '5']]);
    expect(fromAggregateRows(wire)).toEqual(original);
  });
});
