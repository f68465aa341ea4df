import { refusesUnlessOwnerWithIssue } from '../../testing/expect-refused';
import { actor, context, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { buildSnapshot } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { resetVotes } from './reset-votes';

const reset = (spec: AggregateSpec) => {
  const aggregate = roomAggregate(spec);
  const writes = resetVotes(aggregate, actor('alice'), undefined, context());
  const after = applyWrites(aggregate, writes);
  return { writes, after, snapshot: buildSnapshot(after, new Set()) };
};

describe('resetVotes', () => {
  refusesUnlessOwnerWithIssue('start a re-vote', (aggregate, who) =>
    resetVotes(aggregate, actor(who), undefined, context()),
  );

  it('starts the next round of the issue; a revealed round stays, as history', () => {
    const { writes, snapshot } = reset({
      room: { revealed: true, timerEndsAt: new Date('2026-11-30T12:01:00Z') },
      votes: [['bob', '5']],
    });
    expect(writes.room).toEqual({
      currentIssueKey: 'PROJ-1',
      round: 2,
      revealed: false,
      timerEndsAt: null,
    });
    expect(writes.droppedRound).toBeUndefined();
    expect(writes.otherIssueStarted).toBe(false);
    expect(snapshot.history.map((h) => [h.round, h.votes])).toEqual([
      [1, [{ accountId: 'bob', value: '5' }]],
    ]);
    expect(snapshot.members.some((m) => m.hasVoted)).toBe(false);
  });

  it('drops the cards of a round nobody revealed, so no one ever sees them', () => {
    const { writes, after, snapshot } = reset({ votes: [['bob', '5']] });
    expect(writes.droppedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
    expect(after.votes).toEqual([]);
    expect(snapshot.history).toEqual([]);
  });
});
