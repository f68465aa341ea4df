import { expectRefused } from '../../testing/expect-refused';
import { actor, context, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { ROOM_LIMITS } from '../room-limits';
import { applyWrites } from '../room-writes';
import { addIssues } from './add-issues';

const add = (issueKeys: string[], spec: AggregateSpec = {}) => {
  const aggregate = roomAggregate(spec);
  const writes = addIssues(aggregate, actor('alice'), { issueKeys }, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

/** A queue of `count` issues P-0, P-1, ... */
const queueOf = (count: number): AggregateSpec => ({
  issues: Array.from({ length: count }, (_, i) => `P-${i}`),
  room: { currentIssueKey: 'P-0' },
});

describe('addIssues', () => {
  it('refuses anyone but the owner', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => addIssues(aggregate, actor('bob'), { issueKeys: ['PROJ-4'] }, context()),
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can change the issues.',
    );
  });

  it('appends new keys once each, after the last position, skipping keys already queued', () => {
    const issues = ['PROJ-1', { issueKey: 'PROJ-2', position: 5 }];
    const { writes, after } = add(['PROJ-2', 'PROJ-4', 'PROJ-4', 'PROJ-5'], { issues });
    expect(writes.addedIssues).toEqual([
      { issueKey: 'PROJ-4', position: 6, fieldId: null },
      { issueKey: 'PROJ-5', position: 7, fieldId: null },
    ]);
    expect(writes.room).toEqual({});
    expect(after.issues.map((i) => i.issueKey)).toEqual(['PROJ-1', 'PROJ-2', 'PROJ-4', 'PROJ-5']);
    expect(after.room.currentIssueKey).toBe('PROJ-1');
  });

  it("keeps the board's estimate field of issues picked from a board, and none for the others", () => {
    const issueFields = [{ issueKey: 'team-4', fieldId: 'customfield_10026' }];
    const writes = addIssues(
      roomAggregate(),
      actor('alice'),
      { issueKeys: ['TEAM-4', 'PROJ-5'], issueFields },
      context(),
    );
    const after = applyWrites(roomAggregate(), writes);
    expect(after.issues.slice(-2).map((i) => [i.issueKey, i.fieldId])).toEqual([
      ['TEAM-4', 'customfield_10026'],
      ['PROJ-5', null],
    ]);
  });

  it('changes nothing when every key is queued already', () => {
    expect(add(['PROJ-1', 'PROJ-3']).writes.isEmpty).toBe(true);
  });

  it('starts a room with nothing in play on the first new issue', () => {
    const { writes, after } = add(['PROJ-7', 'PROJ-8'], {
      room: { currentIssueKey: null, round: 0 },
      issues: [],
    });
    expect(writes.room).toEqual({
      currentIssueKey: 'PROJ-7',
      round: 1,
      revealed: false,
      timerEndsAt: null,
    });
    // The store numbers the round past any round PROJ-7 had in this room before.
    expect(writes.otherIssueStarted).toBe(true);
    expect(after.issues.map((i) => [i.issueKey, i.position])).toEqual([
      ['PROJ-7', 0],
      ['PROJ-8', 1],
    ]);
  });

  it(`refuses to grow the queue past ${ROOM_LIMITS.issuesPerRoom} issues`, () => {
    expectRefused(
      roomAggregate(queueOf(ROOM_LIMITS.issuesPerRoom - 1)),
      (aggregate) =>
        addIssues(aggregate, actor('alice'), { issueKeys: ['NEW-1', 'NEW-2'] }, context()),
      'CONFLICT',
      `A room holds at most ${ROOM_LIMITS.issuesPerRoom} issues.`,
    );
  });

  it('fills the queue up to the cap; keys already queued do not count', () => {
    const last = add(['NEW-1', 'P-0'], queueOf(ROOM_LIMITS.issuesPerRoom - 1));
    expect(last.after.issues).toHaveLength(ROOM_LIMITS.issuesPerRoom);
    expect(add(['P-0'], queueOf(ROOM_LIMITS.issuesPerRoom)).writes.isEmpty).toBe(true);
  });
});
