import type { MemberRole } from '@poker/shared';
import type { MemberRow } from './room-aggregate';
import { pickSuccessor } from './owner-succession';

const member = (accountId: string, role: MemberRole, lastSeenMinutesAgo = 0): MemberRow => ({
  roomId: 'room',
  accountId,
  role,
  lastSeenAt: new Date(Date.UTC(2026, 0, 1, 12) - lastSeenMinutesAgo * 60_000),
});

describe('pickSuccessor', () => {
  it('prefers a voter over an observer, even one seen earlier', () => {
    const members = [
      member('owner', 'owner'),
      member('watcher', 'observer', 0),
      member('voter', 'voter', 60),
    ];
    expect(pickSuccessor(members, 'owner')?.accountId).toBe('voter');
  });

  it('among voters, picks the one seen most recently', () => {
    const members = [member('owner', 'owner'), member('a', 'voter', 30), member('b', 'voter', 5)];
    expect(pickSuccessor(members, 'owner')?.accountId).toBe('b');
  });

  it('falls back to an observer when nobody votes', () => {
    expect(
      pickSuccessor([member('owner', 'owner'), member('watcher', 'observer')], 'owner')?.accountId,
    ).toBe('watcher');
  });

  it('answers null when the owner was alone', () => {
    expect(pickSuccessor([member('owner', 'owner')], 'owner')).toBeNull();
    expect(pickSuccessor([], 'owner')).toBeNull();
  });
});
