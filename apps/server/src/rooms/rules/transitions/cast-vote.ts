import { isCardInDeck, type VoteCastPayload } from '@poker/shared';
import { badRequest, conflict, forbidden } from '../../../errors/domain.error';
import { everyOnlineVoterVoted, requireCurrentIssue, requireMember } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';

/**
 * A voter plays a card of the room's deck, or takes theirs back (null), while the round is
 * hidden. With auto-reveal on, the last online voter's card reveals the round.
 */
export const castVote: Transition<Pick<VoteCastPayload, 'value'>> = (
  aggregate,
  actor,
  { value },
  { online },
) => {
  const member = requireMember(aggregate, actor);
  if (member.role === 'observer')
    throw forbidden('Observers do not vote; join as a voter to vote.');
  if (member.role === 'owner' && !aggregate.room.ownerVotes) {
    throw forbidden('You are facilitating without voting; choose “Vote too” to play a card.');
  }
  const issueKey = requireCurrentIssue(aggregate);
  const { room } = aggregate;
  if (room.revealed) throw conflict('Votes are already revealed; the owner can start a re-vote.');
  if (value !== null && !isCardInDeck(room.deck, value)) {
    throw badRequest(`"${value}" is not a card of this room's deck.`);
  }
  const writes = new RoomWrites().vote({
    issueKey,
    round: room.round,
    accountId: actor.accountId,
    value,
  });
  if (value === null || !room.autoReveal) return writes;
  const voted = new Set(
    aggregate.votes.filter((vote) => vote.round === room.round).map((vote) => vote.accountId),
  );
  voted.add(actor.accountId);
  if (everyOnlineVoterVoted(aggregate.members, voted, online, room.ownerVotes)) {
    writes.setRoom({ revealed: true, timerEndsAt: null });
  }
  return writes;
};
