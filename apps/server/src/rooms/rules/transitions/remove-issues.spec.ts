import { expectRefused } from '../../testing/expect-refused';
import { actor, context, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { applyWrites } from '../room-writes';
import { removeIssues } from './remove-issues';

const remove = (issueKeys: string[], spec: AggregateSpec = {}) => {
  const aggregate = roomAggregate(spec);
  const writes = removeIssues(aggregate, actor('alice'), { issueKeys }, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

describe('removeIssues', () => {
  it('refuses anyone but the owner', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => removeIssues(aggregate, actor('bob'), { issueKeys: ['PROJ-2'] }, context()),
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can change the issues.',
    );
  });

  it('changes nothing for keys that are not queued', () => {
    expect(remove(['PROJ-9']).writes.isEmpty).toBe(true);
  });

  it('takes other issues out and leaves the round in play alone', () => {
    const { writes, after } = remove(['PROJ-3', 'PROJ-9'], { votes: [['bob', '5']] });
    expect(writes.removedIssues).toEqual(['PROJ-3']);
    expect(writes.room).toEqual({});
    expect(after.issues.map((i) => i.issueKey)).toEqual(['PROJ-1', 'PROJ-2']);
    expect(after.votes).toHaveLength(1);
  });

  it('moves on from the issue in play to the first issue left, in a fresh round', () => {
    const { writes, after } = remove(['PROJ-1'], {
      room: { revealed: true, timerEndsAt: new Date('2026-11-30T12:01:00Z') },
      votes: [['bob', '5']],
    });
    expect(writes.room).toEqual({
      currentIssueKey: 'PROJ-2',
      round: 1,
      revealed: false,
      timerEndsAt: null,
    });
    expect(writes.otherIssueStarted).toBe(true);
    expect(after.votes).toEqual([]);
  });

  it('goes back to the top of the queue when the issue in play was in the middle', () => {
    const { writes } = remove(['PROJ-2'], { room: { currentIssueKey: 'PROJ-2' } });
    expect(writes.room.currentIssueKey).toBe('PROJ-1');
  });

  it('leaves nothing in play when the last issues go', () => {
    const { writes, after } = remove(['PROJ-1', 'PROJ-2', 'PROJ-3'], { votes: [['bob', '5']] });
    expect(writes.room).toEqual({
      currentIssueKey: null,
      round: 0,
      revealed: false,
      timerEndsAt: null,
    });
    expect(writes.otherIssueStarted).toBe(false);
    expect(after.issues).toEqual([]);
    expect(after.votes).toEqual([]);
  });
});
