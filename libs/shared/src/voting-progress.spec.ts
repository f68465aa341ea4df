import { isVotingMember, votingProgress } from './voting-progress';

const member = (role: 'owner' | 'voter' | 'observer', online: boolean, hasVoted: boolean) => ({
  role,
  online,
  hasVoted,
});

describe('voting progress', () => {
  it('counts voters, and the owner only while the owner votes', () => {
    expect(isVotingMember('voter', false)).toBe(true);
    expect(isVotingMember('observer', true)).toBe(false);
    expect(isVotingMember('owner', true)).toBe(true);
    expect(isVotingMember('owner', false)).toBe(false);
  });

  it('counts online voters only, of whom those with a card have voted', () => {
    const members = [
      member('owner', true, false),
      member('voter', true, true),
      member('voter', false, true),
      member('voter', true, false),
      member('observer', true, false),
    ];
    expect(votingProgress({ ownerVotes: true, members })).toEqual({ voted: 1, voters: 3 });
    expect(votingProgress({ ownerVotes: false, members })).toEqual({ voted: 1, voters: 2 });
  });

  it('treats a snapshot without ownerVotes (an older server) as an owner who votes', () => {
    expect(votingProgress({ members: [member('owner', true, true)] })).toEqual({
      voted: 1,
      voters: 1,
    });
  });
});
