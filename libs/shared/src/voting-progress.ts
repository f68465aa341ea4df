import type { MemberRole } from './snapshot';

/**
 * Whether a member votes: a voter does, an observer never, and the owner only while the room's
 * `ownerVotes` is on (an owner who facilitates without voting is nobody's missing card).
 */
export function isVotingMember(role: MemberRole, ownerVotes: boolean): boolean {
  return role === 'voter' || (role === 'owner' && ownerVotes);
}

/** What "N of M voted" counts: online voters with a card (`voted`) of all online voters. */
export interface VotingProgress {
  voted: number;
  voters: number;
}

/**
 * "N of M voted", counting online voters only: the same rule auto-reveal applies on the server
 * (everyone counted here has a card, M > 0: the round reveals itself when auto-reveal is on).
 */
export function votingProgress(room: {
  ownerVotes?: boolean;
  members: readonly { role: MemberRole; online: boolean; hasVoted: boolean }[];
}): VotingProgress {
  const ownerVotes = room.ownerVotes ?? true;
  const voters = room.members.filter(
    (member) => member.online && isVotingMember(member.role, ownerVotes),
  );
  return { voted: voters.filter((member) => member.hasVoted).length, voters: voters.length };
}
