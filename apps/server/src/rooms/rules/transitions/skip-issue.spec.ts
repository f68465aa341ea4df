import { expectRefused } from '../../testing/expect-refused';
import { actor, context, NOW, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { buildSnapshot } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { saveEstimate } from './save-estimate';
import { selectIssue } from './select-issue';
import { skipIssue } from './skip-issue';

const skip = (spec: AggregateSpec, issueKey = 'PROJ-1', who = 'alice') => {
  const aggregate = roomAggregate(spec);
  const writes = skipIssue(aggregate, actor(who), { issueKey }, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

describe('skipIssue', () => {
  it('marks the issue skipped and moves on to the next one in a fresh round', () => {
    const { after } = skip({ votes: [['bob', '5']] });
    expect(after.room).toMatchObject({
      currentIssueKey: 'PROJ-2',
      revealed: false,
      skippedIssueKeys: ['PROJ-1'],
    });
    const snapshot = buildSnapshot(after, new Set());
    expect(snapshot.skippedIssueKeys).toEqual(['PROJ-1']);
    expect(snapshot.issues.find((i) => i.issueKey === 'PROJ-1')?.savedValue).toBeNull();
  });

  it('drops the unrevealed cards of the skipped round', () => {
    const { writes } = skip({ votes: [['bob', '5']] });
    expect(writes.droppedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
  });

  it('passes estimated and skipped issues by, wrapping to the top of the queue', () => {
    const saved = { savedValue: 3, savedAt: NOW, savedByAccountId: 'alice' };
    const { after } = skip(
      {
        room: { currentIssueKey: 'PROJ-3', skippedIssueKeys: ['PROJ-1'] },
        issues: ['PROJ-1', { issueKey: 'PROJ-2', ...saved }, 'PROJ-3', 'PROJ-4'],
      },
      'PROJ-3',
    );
    expect(after.room.currentIssueKey).toBe('PROJ-4');
    const last = skip(
      {
        room: { currentIssueKey: 'PROJ-3', skippedIssueKeys: ['PROJ-1'] },
        issues: ['PROJ-1', { issueKey: 'PROJ-2', ...saved }, 'PROJ-3'],
      },
      'PROJ-3',
    );
    expect(last.after.room).toMatchObject({ currentIssueKey: null, round: 0 });
    expect(last.after.room.skippedIssueKeys).toEqual(['PROJ-1', 'PROJ-3']);
  });

  it('is no longer skipped once taken up again or estimated', () => {
    const { after } = skip({});
    const back = applyWrites(
      after,
      selectIssue(after, actor('alice'), { issueKey: 'PROJ-1' }, context()),
    );
    expect(back.room.skippedIssueKeys).toEqual([]);
    const saved = saveEstimate(
      after,
      actor('alice'),
      { issueKey: 'PROJ-1', value: 3, rounds: 1, consensus: true },
      context(),
    );
    expect(saved.room.skippedIssueKeys).toEqual([]);
  });

  it('lets auto-advance pass skipped issues by', () => {
    const aggregate = roomAggregate({ room: { autoAdvance: true, skippedIssueKeys: ['PROJ-2'] } });
    const writes = saveEstimate(
      aggregate,
      actor('alice'),
      { issueKey: 'PROJ-1', value: 3, rounds: 1, consensus: true },
      context(),
    );
    expect(writes.room.currentIssueKey).toBe('PROJ-3');
  });

  it('refuses a voter, and an issue no longer in play (a second click)', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => skipIssue(aggregate, actor('bob'), { issueKey: 'PROJ-1' }, context()),
      'FORBIDDEN',
      'co-facilitator can skip issues',
    );
    expectRefused(
      roomAggregate(),
      (aggregate) => skipIssue(aggregate, actor('alice'), { issueKey: 'PROJ-2' }, context()),
      'CONFLICT',
      'not the issue in play',
    );
  });
});
