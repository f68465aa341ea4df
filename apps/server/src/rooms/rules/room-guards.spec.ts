import type { MemberRow, RoomAggregate } from './room-aggregate';
import {
  everyOnlineVoterVoted,
  isFacilitator,
  nextRoundFor,
  requireFacilitator,
  requireMember,
  requireOwner,
} from './room-guards';

const member = (accountId: string, role: MemberRow['role']) => ({ accountId, role }) as MemberRow;

describe('room rules', () => {
  const members = [member('alice', 'owner'), member('bob', 'voter'), member('carol', 'observer')];

  it('auto-reveals only when every online voter (owner included, observers not) has voted', () => {
    const online = new Set(['alice', 'bob', 'carol']);
    expect(everyOnlineVoterVoted(members, new Set(['alice']), online, true)).toBe(false);
    expect(everyOnlineVoterVoted(members, new Set(['alice', 'bob']), online, true)).toBe(true);
    const aliceAndCarol = new Set(['alice', 'carol']);
    expect(everyOnlineVoterVoted(members, new Set(['alice']), aliceAndCarol, true)).toBe(true);
    expect(everyOnlineVoterVoted(members, new Set(), new Set(['carol']), true)).toBe(false);
  });

  it('leaves an owner who does not vote out of the count', () => {
    const online = new Set(['alice', 'bob', 'carol']);
    expect(everyOnlineVoterVoted(members, new Set(['bob']), online, false)).toBe(true);
    expect(everyOnlineVoterVoted(members, new Set(), new Set(['alice']), false)).toBe(false);
  });

  it('lets the owner and co-facilitators facilitate, and nobody else', () => {
    const aggregate = {
      room: { ownerAccountId: 'alice', facilitatorAccountIds: ['bob'] },
      members,
    } as unknown as RoomAggregate;
    expect(isFacilitator(aggregate, 'alice')).toBe(true);
    expect(isFacilitator(aggregate, 'bob')).toBe(true);
    expect(() =>
      requireFacilitator(aggregate, { tenantId: 't', accountId: 'carol' }, 'reveal'),
    ).toThrow('Only the room owner or a co-facilitator can reveal.');
  });

  it('numbers a fresh round one past any earlier round of that issue', () => {
    const aggregate = {
      room: { currentIssueKey: 'PROJ-1', round: 3 },
      votes: [
        { issueKey: 'PROJ-1', round: 2 },
        { issueKey: 'PROJ-2', round: 9 },
      ],
    } as unknown as RoomAggregate;
    expect(nextRoundFor(aggregate, 'PROJ-1')).toBe(4);
    expect(nextRoundFor(aggregate, 'PROJ-3')).toBe(1);
  });

  it('lets only members act and only the owner run the room', () => {
    const aggregate = { room: { ownerAccountId: 'alice' }, members } as unknown as RoomAggregate;
    expect(requireMember(aggregate, { tenantId: 't', accountId: 'bob' }).role).toBe('voter');
    expect(() => requireMember(aggregate, { tenantId: 't', accountId: 'mallory' })).toThrow(
      /Join the room/,
    );
    expect(() => requireOwner(aggregate, { tenantId: 't', accountId: 'bob' }, 'reveal')).toThrow(
      /owner can reveal/,
    );
    expect(() =>
      requireOwner(aggregate, { tenantId: 't', accountId: 'alice' }, 'reveal'),
    ).not.toThrow();
  });
});
