import { describe, expect, it } from '@jest/globals';
import type { RoomSummary } from '@poker/shared';
import { savedSignature } from './glance-issue-view';

const room = (id: string, savedValue: number | null, savedAt: string | null): RoomSummary => ({
  id,
  name: id,
  ownerAccountId: 'alice',
  issueCount: 1,
  updatedAt: '2026-11-30T09:00:00.000Z',
  issue: {
    issueKey: 'PROJ-1',
    savedValue,
    savedAt,
    savedRounds: savedAt ? 1 : null,
    savedConsensus: savedAt ? true : null,
    current: true,
    lastResult: null,
  },
});

describe('when the glance refreshes the issue view', () => {
  const AT = '2026-11-30T09:10:00.000Z';

  it('changes with a save, and with a second save of another value', () => {
    const before = savedSignature([room('r1', null, null)]);
    const saved = savedSignature([room('r1', 5, AT)]);
    expect(saved).not.toBe(before);
    expect(savedSignature([room('r1', 8, '2026-11-30T09:12:00.000Z')])).not.toBe(saved);
  });

  it('stays the same when a room without a save comes or goes, or the rooms reorder', () => {
    const one = savedSignature([room('r1', 5, AT)]);
    expect(savedSignature([room('r1', 5, AT), room('r2', null, null)])).toBe(one);
    expect(savedSignature([room('r2', 3, AT), room('r1', 5, AT)])).toBe(
      savedSignature([room('r1', 5, AT), room('r2', 3, AT)]),
    );
  });
});
