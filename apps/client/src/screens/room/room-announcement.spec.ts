import { describe, expect, it } from '@jest/globals';
import { computeStats, type RoomMember, type RoomSnapshot, type Vote } from '@poker/shared';
import { roomAnnouncement } from './room-announcement';

const member = (accountId: string, extra: Partial<RoomMember> = {}): RoomMember => ({
  accountId,
  role: 'voter',
  online: true,
  hasVoted: false,
  ...extra,
});

function room(extra: Partial<RoomSnapshot> = {}): RoomSnapshot {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Sprint 12',
    version: 1,
    ownerAccountId: 'alice',
    deck: { kind: 'fibonacci' },
    fieldId: null,
    autoReveal: false,
    autoAdvance: false,
    issues: [],
    currentIssueKey: 'PROJ-3',
    round: 0,
    revealed: false,
    timerEndsAt: null,
    members: [
      member('alice', { role: 'owner', hasVoted: true }),
      member('bob', { hasVoted: true }),
      member('carol'),
      member('dave', { role: 'observer' }),
    ],
    votes: null,
    stats: null,
    history: [],
    ...extra,
  };
}

function revealed(votes: Vote[]): Partial<RoomSnapshot> {
  return { revealed: true, votes, stats: computeStats({ kind: 'fibonacci' }, votes) };
}

describe('what the room announces to screen readers', () => {
  it('counts online voters who voted, without observers', () => {
    expect(roomAnnouncement(room())).toBe('2 of 3 voted on PROJ-3.');
  });

  it('leaves out voters who are offline and an owner who observes', () => {
    const members = [
      member('alice', { role: 'owner' }),
      member('bob', { hasVoted: true }),
      member('carol', { online: false }),
    ];
    expect(roomAnnouncement(room({ members, ownerVotes: false }))).toBe('1 of 1 voted on PROJ-3.');
  });

  it('says the consensus once cards are revealed', () => {
    const votes = [
      { accountId: 'alice', value: '5' },
      { accountId: 'bob', value: '5' },
    ];
    expect(roomAnnouncement(room(revealed(votes)))).toBe(
      'Cards revealed for PROJ-3. Consensus on 5, 2 votes.',
    );
  });

  it('says the spread when there is no consensus', () => {
    const votes = [
      { accountId: 'alice', value: '3' },
      { accountId: 'bob', value: '8' },
    ];
    expect(roomAnnouncement(room(revealed(votes)))).toBe(
      'Cards revealed for PROJ-3. No consensus, 2 votes: average 5.5, median 5.5, lowest 3, highest 8.',
    );
  });

  it('says that nobody voted, and nothing without an issue', () => {
    expect(roomAnnouncement(room(revealed([])))).toBe('Cards revealed for PROJ-3. Nobody voted.');
    expect(roomAnnouncement(room({ currentIssueKey: null }))).toBe('');
  });
});
