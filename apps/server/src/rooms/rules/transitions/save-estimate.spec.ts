import { expectRefused } from '../../testing/expect-refused';
import { actor, context, NOW, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { buildSnapshot } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { requireSavable, saveEstimate } from './save-estimate';

const SAVED = { savedValue: 3, savedAt: new Date('2026-11-29T10:00:00Z'), savedByAccountId: 'bob' };

const save = (issueKey: string, spec: AggregateSpec = {}) => {
  const aggregate = roomAggregate(spec);
  const writes = saveEstimate(
    aggregate,
    actor('alice'),
    { issueKey, value: 5, rounds: 2, consensus: false },
    context(),
  );
  return { writes, after: applyWrites(aggregate, writes) };
};

/** Auto-advance on, PROJ-1 … PROJ-4 queued, `current` in play; `saved` carry an estimate. */
const advancing = (current: string, saved: string[] = []): AggregateSpec => ({
  room: { autoAdvance: true, currentIssueKey: current, revealed: true },
  issues: ['PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-4'].map((issueKey) =>
    saved.includes(issueKey) ? { issueKey, ...SAVED } : issueKey,
  ),
});

describe('requireSavable', () => {
  it('refuses anyone but the owner, and an issue the room does not hold', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => requireSavable(aggregate, actor('bob'), 'PROJ-1'),
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can save estimates.',
    );
    expectRefused(
      roomAggregate(),
      (aggregate) => requireSavable(aggregate, actor('alice'), 'PROJ-9'),
      'NOT_FOUND',
      'Issue PROJ-9 in this room not found.',
    );
  });

  it("hands back the issue's row", () => {
    expect(requireSavable(roomAggregate(), actor('alice'), 'PROJ-2').issueKey).toBe('PROJ-2');
  });
});

describe('saveEstimate', () => {
  it('refuses what requireSavable refuses', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) =>
        saveEstimate(
          aggregate,
          actor('bob'),
          { issueKey: 'PROJ-1', value: 5, rounds: 1, consensus: true },
          context(),
        ),
      'FORBIDDEN',
      'save estimates',
    );
  });

  it('records the estimate Jira accepted on the issue, with who saved it, when, and how', () => {
    const { writes, after } = save('PROJ-2');
    expect(writes.savedEstimate).toEqual({
      issueKey: 'PROJ-2',
      value: 5,
      at: NOW,
      byAccountId: 'alice',
      rounds: 2,
      consensus: false,
    });
    expect(writes.room).toEqual({});
    expect(after.issues[1]).toMatchObject({
      savedValue: 5,
      savedAt: NOW,
      savedByAccountId: 'alice',
      savedRounds: 2,
      savedConsensus: false,
    });
    expect(buildSnapshot(after, new Set()).issues[1]).toEqual({
      issueKey: 'PROJ-2',
      fieldId: null,
      savedValue: 5,
      savedAt: NOW.toISOString(),
      savedRounds: 2,
      savedConsensus: false,
    });
  });

  it('stays on the issue with auto-advance off', () => {
    expect(save('PROJ-1', { room: { revealed: true } }).writes.room).toEqual({});
  });

  describe('with auto-advance on', () => {
    it('moves on from the issue in play to the next one, in a fresh round', () => {
      const { writes } = save('PROJ-1', advancing('PROJ-1'));
      expect(writes.room).toEqual({
        currentIssueKey: 'PROJ-2',
        round: 1,
        revealed: false,
        timerEndsAt: null,
      });
      expect(writes.otherIssueStarted).toBe(true);
    });

    it('skips issues that have an estimate already', () => {
      const { writes } = save('PROJ-1', advancing('PROJ-1', ['PROJ-2', 'PROJ-3']));
      expect(writes.room.currentIssueKey).toBe('PROJ-4');
    });

    it('wraps around to the top of the queue', () => {
      const { writes } = save('PROJ-3', advancing('PROJ-3', ['PROJ-1', 'PROJ-4']));
      expect(writes.room.currentIssueKey).toBe('PROJ-2');
    });

    it('follows queue positions rather than row order', () => {
      const spec = advancing('PROJ-2');
      spec.issues = [
        { issueKey: 'PROJ-1', position: 0 },
        { issueKey: 'PROJ-2', position: 5 },
        { issueKey: 'PROJ-3', position: 9 },
      ];
      expect(save('PROJ-2', spec).writes.room.currentIssueKey).toBe('PROJ-3');
    });

    it('stays when every issue has an estimate', () => {
      const { writes } = save('PROJ-2', advancing('PROJ-2', ['PROJ-1', 'PROJ-3', 'PROJ-4']));
      expect(writes.room).toEqual({});
      expect(writes.savedEstimate?.issueKey).toBe('PROJ-2');
    });

    it('stays when the estimate saved is not for the issue in play', () => {
      expect(save('PROJ-3', advancing('PROJ-1')).writes.room).toEqual({});
    });

    // BUG (save-estimate.ts, the auto-advance branch): moving to the next issue ends the round
    // in play, but unlike selectIssue it does not call dropUnrevealed, so the hidden cards of a
    // round saved before anyone revealed it stay in the store, and come back as `history` when
    // the issue is chosen again (see estimates.service.spec.ts). Flip to `it` once fixed.
    it('drops the cards of the unrevealed round it leaves', () => {
      const spec = { ...advancing('PROJ-1'), votes: [['bob', '8']] } as AggregateSpec;
      spec.room = { ...spec.room, revealed: false };
      expect(save('PROJ-1', spec).writes.droppedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
    });
  });
});
