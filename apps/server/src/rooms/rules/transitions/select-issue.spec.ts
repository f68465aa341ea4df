import { expectRefused } from '../../testing/expect-refused';
import { actor, context, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { buildSnapshot } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { selectIssue } from './select-issue';

const select = (issueKey: string, spec: AggregateSpec = {}) => {
  const aggregate = roomAggregate(spec);
  const writes = selectIssue(aggregate, actor('alice'), { issueKey }, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

describe('selectIssue', () => {
  it('refuses anyone but the owner', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => selectIssue(aggregate, actor('bob'), { issueKey: 'PROJ-2' }, context()),
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can choose the issue.',
    );
  });

  it('refuses an issue that is not in the queue', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => selectIssue(aggregate, actor('alice'), { issueKey: 'PROJ-9' }, context()),
      'NOT_FOUND',
      'Issue PROJ-9 in this room not found.',
    );
  });

  it('starts a fresh round of another issue, with no timer', () => {
    const { writes } = select('PROJ-2', {
      room: { revealed: true, timerEndsAt: new Date('2026-11-30T12:01:00Z') },
    });
    expect(writes.room).toEqual({
      currentIssueKey: 'PROJ-2',
      round: 1,
      revealed: false,
      timerEndsAt: null,
    });
    expect(writes.otherIssueStarted).toBe(true);
  });

  it('drops the cards of the unrevealed round it leaves', () => {
    const { writes } = select('PROJ-2', { votes: [['bob', '5']] });
    expect(writes.droppedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
  });

  it('keeps a revealed round', () => {
    const { writes } = select('PROJ-2', { room: { revealed: true }, votes: [['bob', '5']] });
    expect(writes.droppedRound).toBeUndefined();
  });

  it('re-selecting the issue in play is a re-vote: its revealed rounds become history', () => {
    const spec: AggregateSpec = { room: { round: 2, revealed: true }, votes: [['bob', '5', 2]] };
    const { writes, after } = select('PROJ-1', spec);
    expect(writes.room).toMatchObject({ currentIssueKey: 'PROJ-1', round: 3 });
    expect(writes.otherIssueStarted).toBe(false);
    expect(buildSnapshot(after, new Set()).history.map((h) => [h.round, h.votes])).toEqual([
      [2, [{ accountId: 'bob', value: '5' }]],
    ]);
  });

  it('re-selecting it unrevealed drops the hidden cards: they never reach the history', () => {
    const { writes, after } = select('PROJ-1', { votes: [['bob', '5']] });
    expect(writes.droppedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
    expect(buildSnapshot(after, new Set()).history).toEqual([]);
  });

  it('in a room open for voting ahead, leaves the unrevealed cards as the issue’s async cards', () => {
    const { writes, after } = select('PROJ-2', {
      room: { asyncVoting: true },
      votes: [['bob', '5']],
    });
    expect(writes.droppedRound).toBeUndefined();
    expect(writes.shelvedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
    expect(after.asyncVotes).toEqual([
      expect.objectContaining({ issueKey: 'PROJ-1', round: 0, accountId: 'bob', value: '5' }),
    ]);
    const snapshot = buildSnapshot(after, new Set(['alice', 'bob']));
    expect(snapshot.asyncVoted).toEqual({ 'PROJ-1': ['bob'] });
    expect(snapshot.history).toEqual([]);
  });

  it('taking the issue up again makes those cards the new round’s hidden cards', () => {
    const left = select('PROJ-2', { room: { asyncVoting: true }, votes: [['bob', '5']] }).after;
    const writes = selectIssue(left, actor('alice'), { issueKey: 'PROJ-1' }, context());
    const back = applyWrites(left, writes);
    expect(back.votes).toEqual([
      expect.objectContaining({ issueKey: 'PROJ-1', round: back.room.round, accountId: 'bob' }),
    ]);
    expect(back.asyncVotes ?? []).toEqual([]);
  });

  it('re-selecting the issue in play still drops its hidden cards in such a room', () => {
    const { writes } = select('PROJ-1', { room: { asyncVoting: true }, votes: [['bob', '5']] });
    expect(writes.droppedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
    expect(writes.shelvedRound).toBeUndefined();
  });
});
